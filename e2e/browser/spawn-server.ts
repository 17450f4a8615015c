// Runs serve.ts in its own process (`node --import tsx`) and returns the server's addresses and a stop
// function. Used by the global setup (the seeded server every spec shares) and by specs that need a server
// of their own (an empty one).
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

const START_TIMEOUT_MS = 120_000;

export interface SpawnedServer {
  ui: string;
  otlpHttp: string;
  grpc: string;
  stop: () => Promise<void>;
}

export async function spawnServer(
  options: { empty?: boolean; dataDir?: string; captures?: string[] } = {},
): Promise<SpawnedServer> {
  const args = [
    ...(options.empty ? ["--empty"] : []),
    ...(options.dataDir ? ["--data-dir", options.dataDir] : []),
    ...(options.captures ?? []).flatMap((capture) => ["--capture", capture]),
  ];
  const child = spawn(process.execPath, ["--import", "tsx", "e2e/browser/serve.ts", ...args], {
    cwd: process.cwd(),
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const addresses = await new Promise<{ ui: string; otlpHttp: string; grpc: string }>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error("the test server did not start in time")),
      START_TIMEOUT_MS,
    );
    createInterface({ input: child.stdout }).once("line", (line) => {
      clearTimeout(timer);
      resolve(JSON.parse(line) as { ui: string; otlpHttp: string; grpc: string });
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the test server exited with ${code}`));
    });
  });
  return {
    ...addresses,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
    },
  };
}
