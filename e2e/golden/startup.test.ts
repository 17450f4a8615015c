// Starting up: a port already in use stops the start with a message naming the port and the setting;
// `npm run doctor` says what is wrong in plain words.
import { execFile } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, test } from "vitest";
import { getDb } from "@/db/client";
import { toArchiveLine } from "@/ingest/archive/line";
import { freePort, ROOT, settledStats, startServer, tempDataDir } from "../support/server";

const run = promisify(execFile);
const dataDir = tempDataDir("tracemark-startup-");
let blocker: net.Server;
let busyPort: number;

beforeAll(async () => {
  busyPort = await freePort();
  blocker = net.createServer();
  await new Promise<void>((resolve) => blocker.listen(busyPort, "127.0.0.1", resolve));
});
afterAll(async () => {
  await new Promise((resolve) => blocker.close(resolve));
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function runNode(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", ...args], {
      cwd: ROOT,
      env: { ...process.env, TRACEMARK_DATA_DIR: dataDir, ...env },
      timeout: 60_000,
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

test("a port in use names the port and the setting to change", async () => {
  const result = await runNode(["server.ts"], {
    PORT: "0",
    TRACEMARK_OTLP_HTTP_PORT: String(busyPort),
    TRACEMARK_OTLP_GRPC_PORT: "0",
  });
  expect(result.code).not.toBe(0);
  expect(result.output).toContain(`port ${busyPort}`);
  expect(result.output).toContain("TRACEMARK_OTLP_HTTP_PORT");
});

test("doctor reports a taken port with its fix, and passes otherwise", async () => {
  const bad = await runNode(["scripts/doctor.ts"], {
    PORT: "0",
    TRACEMARK_OTLP_HTTP_PORT: "0",
    TRACEMARK_OTLP_GRPC_PORT: String(busyPort),
  });
  expect(bad.code).toBe(1);
  expect(bad.output).toMatch(new RegExp(`OTLP/gRPC: port ${busyPort} .* taken by another program`));
  expect(bad.output).toContain("TRACEMARK_OTLP_GRPC_PORT");
  // doctor refuses a dir without an index (cli-data-dir.test.ts); open one as a first start would.
  getDb(dataDir);
  const good = await runNode(["scripts/doctor.ts"], {
    PORT: "0",
    TRACEMARK_OTLP_HTTP_PORT: "0",
    TRACEMARK_OTLP_GRPC_PORT: "0",
  });
  expect(good.output).toContain("Everything looks right.");
  expect(good.code).toBe(0);
});

test("a damaged line in the middle of an archive segment is reported and skipped; the rest is indexed", async () => {
  const dir = tempDataDir("tracemark-damaged-");
  const day = new Date().toISOString().slice(0, 10);
  const line = (n: number): string =>
    toArchiveLine(
      {
        receivedAt: Date.now(),
        signal: "logs",
        transport: "http",
        encoding: "json",
        contentEncoding: null,
        userAgent: null,
      },
      JSON.stringify({
        resourceLogs: [
          {
            scopeLogs: [{ logRecords: [{ timeUnixNano: String(n), body: { stringValue: `record ${n}` } }] }],
          },
        ],
      }),
    );
  fs.mkdirSync(`${dir}/archive/logs/${day}`, { recursive: true });
  fs.writeFileSync(
    `${dir}/archive/logs/${day}/000001.jsonl`,
    `${line(1)}\n{"v":1,"rec\u0000garbage\n${line(2)}\n`,
  );
  const server = await startServer({ dataDir: dir });
  try {
    const stats = await settledStats(server);
    expect(stats).toMatchObject({ requests: 2, log_records: 2 });
    expect(server.output()).toMatch(/line 1 is unreadable/);
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
