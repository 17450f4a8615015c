// Starting up: a port already in use stops the start with a message naming the port and the setting;
// `npm run doctor` says what is wrong in plain words.
import { execFile } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, test } from "vitest";
import { freePort, ROOT, tempDataDir } from "../support/server";

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

async function runNode(args: string[], env: Record<string, string>): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", ...args], { cwd: ROOT, env: { ...process.env, TRACEMARK_DATA_DIR: dataDir, ...env }, timeout: 60_000 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

test("a port in use names the port and the setting to change", async () => {
  const result = await runNode(["server.ts"], { PORT: "0", TRACEMARK_OTLP_HTTP_PORT: String(busyPort), TRACEMARK_OTLP_GRPC_PORT: "0" });
  expect(result.code).not.toBe(0);
  expect(result.output).toContain(`port ${busyPort}`);
  expect(result.output).toContain("TRACEMARK_OTLP_HTTP_PORT");
});

test("doctor reports a taken port with its fix, and passes otherwise", async () => {
  const bad = await runNode(["scripts/doctor.ts"], { PORT: "0", TRACEMARK_OTLP_HTTP_PORT: "0", TRACEMARK_OTLP_GRPC_PORT: String(busyPort) });
  expect(bad.code).toBe(1);
  expect(bad.output).toMatch(new RegExp(`OTLP/gRPC: port ${busyPort} .* taken by another program`));
  expect(bad.output).toContain("TRACEMARK_OTLP_GRPC_PORT");
  const good = await runNode(["scripts/doctor.ts"], { PORT: "0", TRACEMARK_OTLP_HTTP_PORT: "0", TRACEMARK_OTLP_GRPC_PORT: "0" });
  expect(good.output).toContain("Everything looks right.");
  expect(good.code).toBe(0);
});
