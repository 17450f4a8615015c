// `npx tsx bench/memory-bound.ts`: the issue-12 loads at full size against a real server with default limits
// (100 parallel 23 MiB gRPC exports; 64 parallel gzip bodies expanding to ~28 MiB; 4 × 300 MB label PUTs),
// printing the server's peak RSS and whether a small export got through during each. Not part of npm test.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import { GrpcExporter, postOtlp, readCapture } from "../e2e/support/replay";
import { FIXTURES, startServer, type TestServer } from "../e2e/support/server";

const MiB = 2 ** 20;
const SMALL = readCapture(path.join(FIXTURES, "claude-code", "bash", "http-json")).find(
  (item) => item.signal === "logs",
)!;

const rss = (pid: number): number =>
  Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))![1]) * 1024;

async function measure(server: TestServer, name: string, load: () => Promise<unknown[]>): Promise<void> {
  const pid = server.process.pid!;
  let peak = rss(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rss(pid))), 50);
  let smallOk = false;
  const small = (async () => {
    for (let i = 0; i < 400 && !smallOk; i++) {
      smallOk = (await postOtlp(server.otlpHttp, SMALL).catch(() => null))?.status === 200;
      if (!smallOk) await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  const started = Date.now();
  const [results] = await Promise.all([load(), small]);
  clearInterval(timer);
  const outcomes: Record<string, number> = {};
  for (const result of results) outcomes[String(result)] = (outcomes[String(result)] ?? 0) + 1;
  console.log(
    `${name}: peak RSS ${(peak / MiB).toFixed(0)} MiB, small export accepted meanwhile: ${smallOk}, ${((Date.now() - started) / 1000).toFixed(1)} s, outcomes ${JSON.stringify(outcomes)}`,
  );
}

function field(tag: number, payload: Buffer): Buffer {
  const length: number[] = [];
  let n = payload.length;
  while (n >= 0x80) {
    length.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  length.push(n);
  return Buffer.concat([Buffer.from([(tag << 3) | 2, ...length]), payload]);
}

async function main(): Promise<void> {
  const server = await startServer();
  try {
    await fetch(`${server.ui}/`);
    console.log(`baseline RSS ${(rss(server.process.pid!) / MiB).toFixed(0)} MiB`);
    const grpcBody = field(1, field(2, field(2, field(5, field(1, Buffer.alloc(23 * MiB, "x"))))));
    const clients = Array.from({ length: 10 }, () => new GrpcExporter(server.grpc));
    await measure(server, "100 × 23 MiB gRPC", () =>
      Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          clients[i % 10]!.export("logs", grpcBody).then(
            () => "OK",
            (error: { code?: number }) => `code ${error.code}`,
          ),
        ),
      ),
    );
    clients.forEach((client) => client.close());
    const json = Buffer.from(
      JSON.stringify({
        resourceLogs: [{ scopeLogs: [{ logRecords: [{ body: { stringValue: "y".repeat(28 * MiB) } }] }] }],
      }),
    );
    const gz = zlib.gzipSync(json);
    const headers = { "content-type": "application/json", "content-encoding": "gzip" };
    await measure(server, "64 × 28 MiB gzip", () =>
      Promise.all(
        Array.from({ length: 64 }, () =>
          fetch(`${server.otlpHttp}/v1/logs`, { method: "POST", headers, body: gz }).then(
            (response) => response.status,
            () => "reset",
          ),
        ),
      ),
    );
    const chunk = Buffer.alloc(MiB, "z");
    const put = (): Promise<number> =>
      new Promise((resolve) => {
        const req = http.request(
          `${server.ui}/api/turns/x/label`,
          { method: "PUT", headers: { "content-type": "application/json" } },
          (res) => {
            res.resume();
            req.destroy();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on("error", () => resolve(0));
        let sent = 0;
        const pump = (): void => {
          while (sent < 300 && req.write(chunk)) sent++;
          if (sent < 300) req.once("drain", pump);
          else req.end();
        };
        pump();
      });
    await measure(server, "4 × 300 MB label PUT", () => Promise.all([put(), put(), put(), put()]));
  } finally {
    await server.stop();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  }
}

void main();
