// Bounded sockets and memory through the real server: idle and preface-less gRPC connections are closed,
// the connection cap holds, slow senders do not starve others, and parallel large bodies (gRPC, gzip over
// HTTP, label PUTs) stay within an RSS bound far below what they would take if buffered — while a small
// request still succeeds. Limits are set low through the config so the loads are quick but pass them many
// times over.
import fs from "node:fs";
import http from "node:http";
import http2 from "node:http2";
import net from "node:net";
import path from "node:path";
import zlib from "node:zlib";
import * as grpc from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { GrpcExporter, postOtlp, readCapture } from "../support/replay";
import { FIXTURES, startServer, type TestServer } from "../support/server";

const GOOD = readCapture(path.join(FIXTURES, "claude-code", "bash", "http-json")).find(
  (item) => item.signal === "logs",
)!;
const MiB = 2 ** 20;

async function waitFor(
  what: string,
  condition: () => boolean | Promise<boolean>,
  deadlineMs = 60_000,
): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function rssBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

/** Samples the server's RSS every 50 ms while `load` runs; returns the peak. */
async function peakRss(pid: number, load: () => Promise<unknown>): Promise<number> {
  let peak = rssBytes(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssBytes(pid))), 50);
  try {
    await load();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, rssBytes(pid));
}

/** ExportLogsServiceRequest { resource_logs { scope_logs { log_records { body { string_value } } } } }. */
function bigLogsProtobuf(bytes: number): Buffer {
  const field = (tag: number, payload: Buffer): Buffer => {
    const length: number[] = [];
    let n = payload.length;
    while (n >= 0x80) {
      length.push((n & 0x7f) | 0x80);
      n >>>= 7;
    }
    length.push(n);
    return Buffer.concat([Buffer.from([(tag << 3) | 2, ...length]), payload]);
  };
  return field(1, field(2, field(2, field(5, field(1, Buffer.alloc(bytes, "x"))))));
}

function bigLogsJson(bytes: number): Buffer {
  return Buffer.from(
    JSON.stringify({
      resourceLogs: [{ scopeLogs: [{ logRecords: [{ body: { stringValue: "y".repeat(bytes) } }] }] }],
    }),
  );
}

/** Posts a small real export until one is accepted (as an exporter retries a 429); resolves with its status. */
async function smallRequestSucceeds(server: TestServer): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const response = await postOtlp(server.otlpHttp, GOOD).catch(() => null);
    if (response?.status === 200) return 200;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return 429;
}

describe("connections nobody uses", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({
      env: {
        TRACEMARK_CONNECTION_IDLE: "1s",
        TRACEMARK_HANDSHAKE_TIMEOUT: "1s",
        TRACEMARK_MAX_CONNECTIONS: "150",
      },
    });
  });
  afterAll(async () => {
    await server.stop();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  test("idle, silent and half-handshake gRPC connections are closed; UI and OTLP keep working", async () => {
    const closed = new Set<number>();
    const sockets: net.Socket[] = [];
    for (let i = 0; i < 120; i++) {
      const socket = net.connect(server.ports.grpc, "127.0.0.1", () => {
        if (i % 3 === 1) socket.write("PRI * HTTP/2.0\r\n"); // a preface that never completes
      });
      socket.on("error", () => {});
      socket.on("close", () => closed.add(i));
      sockets.push(socket);
    }
    const sessions = Array.from({ length: 20 }, () => {
      const session = http2.connect(`http://${server.grpc}`);
      session.on("error", () => {});
      return session;
    });
    expect((await fetch(`${server.ui}/api/stats`)).status).toBe(200);
    expect((await postOtlp(server.otlpHttp, GOOD)).status).toBe(200);
    await waitFor("silent connections to close", () => closed.size === sockets.length);
    await waitFor("idle HTTP/2 sessions to close", () =>
      sessions.every((session) => session.closed || session.destroyed),
    );
    const client = new GrpcExporter(server.grpc);
    try {
      const body = readCapture(path.join(FIXTURES, "claude-code", "bash", "grpc")).find(
        (item) => item.signal === "logs",
      )!.body;
      await expect(client.export("logs", body)).resolves.toBeInstanceOf(Buffer);
    } finally {
      client.close();
    }
  });

  test("past the connection cap new connections are closed, and the other listeners are not affected", async () => {
    const sockets: net.Socket[] = [];
    let refused = 0;
    for (let i = 0; i < 200; i++) {
      const socket = net.connect(server.ports.otlpHttp, "127.0.0.1");
      socket.on("error", () => {});
      socket.on("close", () => refused++);
      sockets.push(socket);
    }
    try {
      await waitFor("connections past the cap to be closed", () => refused >= 50);
      // only those past the cap: the others are still open (a request timeout would close them all at once)
      expect(refused).toBeLessThan(sockets.length);
      expect((await fetch(`${server.ui}/api/stats`)).status).toBe(200);
    } finally {
      for (const socket of sockets) socket.destroy();
    }
  });
});

describe("slow senders", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  test("70 senders trickling their bodies do not make other clients wait", async () => {
    const slow: net.Socket[] = [];
    let answered = 0;
    let firstAnswer = "";
    for (let i = 0; i < 70; i++) {
      const socket = net.connect(server.ports.otlpHttp, "127.0.0.1", () =>
        socket.write(
          `POST /v1/logs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"resourceLogs":[`,
        ),
      );
      socket.on("error", () => {});
      socket.on("data", (data) => {
        answered++;
        firstAnswer ||= String(data).slice(0, 300);
      });
      slow.push(socket);
    }
    const trickle = setInterval(() => slow.forEach((socket) => socket.writable && socket.write(" ")), 200);
    try {
      await waitFor("the slow senders to be connected", () =>
        slow.every((socket) => socket.bytesWritten > 0),
      );
      const response = await postOtlp(server.otlpHttp, GOOD);
      const text = await response.text();
      expect(response.status, text).toBe(200);
      expect(answered, `answers sent to slow senders, the first: ${firstAnswer}`).toBe(0); // they are still being received, not refused
    } finally {
      clearInterval(trickle);
      for (const socket of slow) socket.destroy();
    }
  });
});

describe("memory under parallel large bodies", () => {
  const MAX_BODY = 6 * MiB;
  /** Far below the 1 GB target: the bodies below would take several times this if they were all held. */
  const RSS_GROWTH_BOUND = 350 * MiB;
  let server: TestServer;
  let baseline: number;
  beforeAll(async () => {
    server = await startServer({
      env: { TRACEMARK_MAX_BODY: String(MAX_BODY), TRACEMARK_BODY_BUDGET: String(4 * MAX_BODY) },
    });
    await fetch(`${server.ui}/`); // let Next load its page code before measuring
    baseline = rssBytes(server.process.pid!);
  });
  afterAll(async () => {
    if (server.process.exitCode !== null) console.error(server.output());
    await server.stop();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  test("100 parallel gRPC exports near the size limit", async () => {
    const body = bigLogsProtobuf(MAX_BODY - 1024);
    const clients = Array.from({ length: 10 }, () => new GrpcExporter(server.grpc));
    let small = 0;
    try {
      const peak = await peakRss(server.process.pid!, async () => {
        const refusals: grpc.ServiceError[] = [];
        const exports = Array.from({ length: 100 }, (_, i) =>
          clients[i % clients.length]!.export("logs", body).then(
            () => "ok",
            (error: grpc.ServiceError) => (refusals.push(error), error.code),
          ),
        );
        small = await smallRequestSucceeds(server);
        const results = await Promise.all(exports);
        expect(results).toContain("ok");
        const retryable: unknown[] = [grpc.status.RESOURCE_EXHAUSTED, grpc.status.UNAVAILABLE];
        expect(results.filter((result) => result !== "ok").every((code) => retryable.includes(code))).toBe(
          true,
        );
        // RESOURCE_EXHAUSTED carries RetryInfo, so OTLP exporters retry it (calls wait in line for their
        // reservation first, so on a fast machine every call may get through)
        for (const exhausted of refusals.filter((error) => error.code === grpc.status.RESOURCE_EXHAUSTED)) {
          expect(String(exhausted.metadata.get("grpc-status-details-bin")[0])).toContain(
            "google.rpc.RetryInfo",
          );
        }
      });
      expect(small).toBe(200);
      expect(peak - baseline).toBeLessThan(RSS_GROWTH_BOUND);
    } finally {
      for (const client of clients) client.close();
    }
  });

  test("64 parallel gzip bodies that each expand near the size limit", async () => {
    const body = zlib.gzipSync(bigLogsJson(MAX_BODY - 1024));
    let small = 0;
    const peak = await peakRss(server.process.pid!, async () => {
      const posts = Array.from({ length: 64 }, () =>
        fetch(`${server.otlpHttp}/v1/logs`, {
          method: "POST",
          headers: { "content-type": "application/json", "content-encoding": "gzip" },
          body,
        })
          .then((response) => response.status)
          .catch(() => 0),
      );
      small = await smallRequestSucceeds(server);
      const statuses = await Promise.all(posts);
      expect(statuses).toContain(200);
      expect(statuses.every((status) => status === 200 || status === 429 || status === 0)).toBe(true);
    });
    expect(small).toBe(200);
    expect(peak - baseline).toBeLessThan(RSS_GROWTH_BOUND);
  });

  test("4 parallel 200 MB label PUT bodies are cut off while they stream", async () => {
    const chunk = Buffer.alloc(MiB, "z");
    const put = (): Promise<number> =>
      new Promise((resolve) => {
        const req = http.request(
          `${server.ui}/api/turns/none/label`,
          { method: "PUT", headers: { "content-type": "application/json" } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
            req.destroy();
          },
        );
        req.on("error", () => resolve(0));
        let sent = 0;
        const pump = (): void => {
          while (sent < 200 && req.write(chunk)) sent++;
          if (sent < 200) req.once("drain", pump);
          else req.end();
        };
        req.write('{"note":"');
        pump();
      });
    const peak = await peakRss(server.process.pid!, async () => {
      const statuses = await Promise.all([put(), put(), put(), put()]);
      expect(statuses.every((status) => status === 413 || status === 0)).toBe(true);
      expect(statuses).toContain(413);
    });
    expect(peak - baseline).toBeLessThan(RSS_GROWTH_BOUND);
  });
});
