// Run by spawn-server.ts as `node --import tsx e2e/browser/serve.ts [--empty] [--data-dir DIR] [--capture C]...`:
// starts the real server on a temp data dir (or DIR, kept), seeds it through its OTLP endpoints (the given
// captures, else the shared set, none with --empty), prints its addresses as one JSON line, stops on SIGTERM.
// (A child process because the shared harness uses import.meta, which Playwright's CommonJS loader rejects.)
import fs from "node:fs";
import path from "node:path";
import { replayCapture } from "../support/replay";
import { FIXTURES, settledStats, startServer } from "../support/server";
import { SEEDED_CAPTURES } from "./captures";

const argsOf = (name: string): string[] =>
  process.argv.flatMap((arg, index) => (arg === name ? [process.argv[index + 1] ?? ""] : []));

async function main(): Promise<void> {
  const [dataDir] = argsOf("--data-dir");
  const server = await startServer({ dataDir });
  const stop = async (): Promise<void> => {
    await server.stop();
    if (!dataDir) fs.rmSync(server.dataDir, { recursive: true, force: true });
  };
  try {
    const given = argsOf("--capture");
    const captures = process.argv.includes("--empty") ? [] : given.length > 0 ? given : SEEDED_CAPTURES;
    for (const capture of captures) await replayCapture(path.join(FIXTURES, capture), server);
    await settledStats(server);
  } catch (error) {
    console.error(error, server.output());
    await stop();
    process.exit(1);
  }
  process.on("SIGTERM", () => void stop().then(() => process.exit(0)));
  console.log(
    JSON.stringify({ ui: server.ui, otlpHttp: server.otlpHttp, grpc: server.grpc, dataDir: server.dataDir }),
  );
}

void main();
