// Starts the seeded server (serve.ts, in its own process) and hands its addresses to the specs in
// TRACEMARK_E2E_* (workers inherit this process's environment). The returned function is the teardown.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

const START_TIMEOUT_MS = 120_000;

export default async function globalSetup(): Promise<() => Promise<void>> {
  const child = spawn(process.execPath, ["--import", "tsx", "e2e/browser/serve.ts"], {
    cwd: process.cwd(),
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const addresses = await new Promise<{ ui: string; otlpHttp: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the seeded server did not start in time")), START_TIMEOUT_MS);
    createInterface({ input: child.stdout }).once("line", (line) => {
      clearTimeout(timer);
      resolve(JSON.parse(line) as { ui: string; otlpHttp: string });
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the seeded server exited with ${code}`));
    });
  });
  process.env.TRACEMARK_E2E_UI = addresses.ui;
  process.env.TRACEMARK_E2E_OTLP_HTTP = addresses.otlpHttp;
  return async () => {
    child.kill("SIGTERM");
    await exited;
  };
}
