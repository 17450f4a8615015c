// Starts the real tracemark server (node + tsx, the same as `npm start` after the build) on free loopback
// ports and a temp data dir, for golden tests, browser tests and benchmarks.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { FIXTURES_DIR } from "./fixtures-dir";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");
export const FIXTURES = FIXTURES_DIR;

export interface TestServer {
  dataDir: string;
  ui: string; // http://127.0.0.1:port
  otlpHttp: string;
  grpc: string; // 127.0.0.1:port
  ports: { ui: number; otlpHttp: number; grpc: number };
  process: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
  kill9: () => Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function tempDataDir(prefix = "tracemark-test-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** `startTimeoutMs`: how long the server may take to listen (default 60 s; a bench store of millions of
 * records is checked page by page at start, which takes longer). */
type StartOptions = { dataDir?: string; env?: Record<string, string>; ui?: boolean; startTimeoutMs?: number };

/** Free ports are picked, released, then bound by the server: another process can take one in between, so
 * a start that fails on a taken port is retried with fresh ports. */
export async function startServer(options: StartOptions = {}): Promise<TestServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startServerOnce(options);
    } catch (error) {
      if (attempt >= 4 || !/already in use/.test((error as Error).message)) throw error;
    }
  }
}

async function startServerOnce(options: StartOptions): Promise<TestServer> {
  const dataDir = options.dataDir ?? tempDataDir();
  const ports = {
    ui: options.ui === false ? 0 : await freePort(),
    otlpHttp: await freePort(),
    grpc: await freePort(),
  };
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      TRACEMARK_DATA_DIR: dataDir,
      TRACEMARK_HOST: "127.0.0.1",
      PORT: String(ports.ui),
      TRACEMARK_OTLP_HTTP_PORT: String(ports.otlpHttp),
      TRACEMARK_OTLP_GRPC_PORT: String(ports.grpc),
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const limitMs = options.startTimeoutMs ?? 60_000;
    const timer = setTimeout(() => {
      child.kill("SIGKILL"); // never leave a half-started server behind (it would outlive its data dir)
      reject(new Error(`server did not start in ${limitMs / 1000} s:\n${output}`));
    }, limitMs);
    const check = (): void => {
      if (output.includes("tracemark is running")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    dataDir,
    ports,
    ui: `http://127.0.0.1:${ports.ui}`,
    otlpHttp: `http://127.0.0.1:${ports.otlpHttp}`,
    grpc: `127.0.0.1:${ports.grpc}`,
    process: child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
    kill9: async () => {
      if (child.exitCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}

/** Waits until everything acknowledged is indexed and grouped, then returns /api/stats. */
export async function settledStats(server: TestServer): Promise<Record<string, number | null>> {
  const response = await fetch(`${server.ui}/api/stats?settle=1`);
  return (await response.json()) as Record<string, number | null>;
}
