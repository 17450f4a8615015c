// The index thread (a worker started by ingest/index-thread.ts for server.ts): indexes acknowledged requests,
// builds the sessions they touch, runs retention, all on its own SQLite connection, whose commits also run
// the WAL checkpoints. Wires ingest to lib like server.ts does; the main thread only decodes, archives, answers.
import { parentPort, workerData } from "node:worker_threads";
import { closeDb, getDb } from "@/db/client";
import { sqliteStoreOf } from "@/db/store-sqlite";
import { openArchiveSource } from "@/ingest/archive/open";
import type { BucketLocation } from "@/ingest/archive/s3/bucket";
import type { FromIndexThread, ToIndexThread } from "@/ingest/index-thread";
import { Indexer } from "@/ingest/indexer";
import { applyRetention } from "@/ingest/retention";
import { sessionKeyOf } from "@/lib/adapters";
import { subscribe } from "@/lib/events";
import { SessionBuilder } from "@/lib/sessions/builder";

const port = parentPort!;
const { dataDir, bucket } = (workerData as { options: { dataDir: string; bucket: BucketLocation | null } })
  .options;
const archive = openArchiveSource({ dataDir, bucket });
// A failure to open it surfaces in main() (the start fails with the reason), not as an unhandled rejection.
archive.catch(() => undefined);
const send = (message: FromIndexThread): void => port.postMessage(message);

const db = getDb(dataDir);
const builder = new SessionBuilder(sqliteStoreOf(db));
const indexer = new Indexer(
  db,
  () => builder.wake(),
  sessionKeyOf,
  (records, bytes) => send({ type: "drained", records, bytes }),
);
subscribe((event) => send({ type: "event", event }));

let reportedError: string | null = null;
const errorWatch = setInterval(() => {
  if (indexer.lastError === reportedError) return;
  reportedError = indexer.lastError;
  send({ type: "error", message: reportedError });
}, 500);

async function handle(message: ToIndexThread): Promise<void> {
  switch (message.type) {
    case "jobs":
      for (const job of message.jobs) indexer.enqueue(job); // parsed when its batch is written
      return;
    case "idle":
      await indexer.whenIdle();
      await builder.whenIdle();
      return send({ type: "idle", id: message.id });
    case "retain":
      try {
        const report = await applyRetention({
          store: sqliteStoreOf(db),
          archive: await archive,
          days: message.days,
          keepLabeled: message.keepLabeled,
          openSegments: new Set(message.openSegments),
        });
        return send({ type: "retained", id: message.id, report, error: null });
      } catch (error) {
        return send({ type: "retained", id: message.id, report: null, error: (error as Error).message });
      }
    case "stop":
      clearInterval(errorWatch);
      await indexer.stop();
      await builder.stop();
      closeDb();
      send({ type: "stopped" });
      return port.close();
  }
}

port.on("message", (message: ToIndexThread) => void handle(message));

async function main(): Promise<void> {
  builder.start(); // what a crash left unbuilt, then what the catch-up marks
  await indexer.catchUp(db, await archive);
  send({ type: "ready", damaged: indexer.damageReport() });
}

void main();
