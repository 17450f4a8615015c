// Every server child the bench starts goes through here, so an interrupted or crashed run still kills them
// (the normal path stops each one in a `finally`).
import type { ChildProcess } from "node:child_process";
import { startServer, type TestServer } from "../e2e/support/server";

const running = new Set<ChildProcess>();

function killAll(): void {
  for (const child of running) if (child.exitCode === null) child.kill("SIGKILL");
  running.clear();
}

let installed = false;
function installExitHooks(): void {
  if (installed) return;
  installed = true;
  process.on("exit", killAll);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      killAll();
      process.exit(130);
    });
  }
}

/** Registers a child to be killed if the bench exits before stopping it. */
export function track(child: ChildProcess): void {
  installExitHooks();
  running.add(child);
  child.once("exit", () => running.delete(child));
}

/** A server on a generated store of millions of records checks its index page by page before it listens. */
const STORE_START_TIMEOUT_MS = 15 * 60_000;

/** The real server (e2e/support/server.ts) on free loopback ports and a temp data dir (or `dataDir`, a
 * generated store, which may take minutes to open). */
export async function startBenchServer(env: Record<string, string>, dataDir?: string): Promise<TestServer> {
  installExitHooks();
  const server = await startServer({
    env,
    ...(dataDir ? { dataDir, startTimeoutMs: STORE_START_TIMEOUT_MS } : {}),
  });
  track(server.process);
  return server;
}
