// Run by spawn-server.ts as `node --import tsx e2e/browser/serve.ts [--empty]`: starts the real server on a
// temp data dir, seeds it through its OTLP endpoints (unless --empty), prints its addresses as one JSON line,
// and stops on SIGTERM.
// (A child process because the shared harness uses import.meta, which Playwright's CommonJS loader rejects.)
import fs from "node:fs";
import path from "node:path";
import { replayCapture } from "../support/replay";
import { FIXTURES, settledStats, startServer } from "../support/server";
import { SEEDED_CAPTURES } from "./captures";

async function main(): Promise<void> {
  const server = await startServer();
  const stop = async (): Promise<void> => {
    await server.stop();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  };
  try {
    const captures = process.argv.includes("--empty") ? [] : SEEDED_CAPTURES;
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
