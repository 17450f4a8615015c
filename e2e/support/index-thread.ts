// Test support for the index thread's tests (ingest/index-thread*.test.ts): a pipeline whose index is the real
// worker entry (index-worker.ts), as server.ts starts it, and a sender that retries while the worker is replaced.
import path from "node:path";
import { IngestError } from "@/ingest/errors";
import { IndexThread } from "@/ingest/index-thread";
import { startPipeline, type Pipeline } from "@/ingest/pipeline";
import type { ReceiveInput } from "@/ingest/receiver";

/** A pipeline on `dataDir` indexing through the index thread, into `databaseUrl`'s PostgreSQL or the dir's SQLite. */
export function startIndexThreadPipeline(
  dataDir: string,
  databaseUrl: string | null,
): Promise<Pipeline<IndexThread>> {
  return startPipeline({
    dataDir,
    bucket: null,
    fsync: false,
    openIndex: (archive) =>
      IndexThread.start({
        entry: path.resolve("index-worker.ts"),
        workerOptions: { dataDir, bucket: null, databaseUrl },
        archive,
        onEvent: () => undefined,
      }),
  });
}

/** Sends until accepted: "unavailable" (the worker being replaced) is what an exporter retries on. */
export async function sendRetrying(target: Pipeline, input: ReceiveInput): Promise<void> {
  for (let refusals = 0; ; refusals++) {
    try {
      await target.receiver.receive(input);
      return;
    } catch (error) {
      if (!(error instanceof IngestError) || error.kind !== "unavailable" || refusals > 10_000) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}
