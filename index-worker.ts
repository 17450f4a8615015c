// The index thread (a worker started by ingest/index-thread.ts for server.ts): indexes acknowledged requests,
// builds the sessions they touch, runs retention, all on its own connection to the index (SQLite: its commits
// also run the WAL checkpoints; PostgreSQL: a small pool, with the bucket sweep that indexes what other,
// possibly dead, replicas archived). Wires ingest to lib like server.ts does; the main thread only decodes,
// archives, answers.
import { parentPort, workerData } from "node:worker_threads";
import { closeDb } from "@/db/client";
import { openIndexStore, registerIndexStore } from "@/db/open-store";
import { openArchiveSource, replicaId } from "@/ingest/archive/open";
import { BucketSweep } from "@/ingest/bucket-sweep";
import { catchUp } from "@/ingest/catch-up";
import type { FromIndexThread, IndexWorkerOptions, ToIndexThread } from "@/ingest/index-thread";
import { Indexer } from "@/ingest/indexer";
import { applyRetention } from "@/ingest/retention";
import { sessionKeyOf } from "@/lib/adapters";
import { subscribe } from "@/lib/events";
import { SessionBuilder } from "@/lib/sessions/builder";

const port = parentPort!;
const { dataDir, bucket, databaseUrl, sweepMs } = (workerData as { options: IndexWorkerOptions }).options;
const archive = openArchiveSource({ dataDir, bucket });
// A failure to open it surfaces in main() (the start fails with the reason), not as an unhandled rejection.
archive.catch(() => undefined);
const send = (message: FromIndexThread): void => port.postMessage(message);

/** Four connections: the indexer's batch, the builder's, retention and the sweep's reads. */
const opened = openIndexStore({ dataDir, databaseUrl }, { max: 4 });
opened.catch(() => undefined);

interface Running {
  indexer: Indexer;
  builder: SessionBuilder;
  sweep: BucketSweep | null;
  close: () => Promise<void>;
}

const running: Promise<Running> = opened.then(({ store, close }) => {
  registerIndexStore(store);
  const builder = new SessionBuilder(store);
  const indexer = new Indexer(
    store,
    () => builder.wake(),
    sessionKeyOf,
    (records, bytes) => send({ type: "drained", records, bytes }),
  );
  return { indexer, builder, sweep: null, close };
});
running.catch(() => undefined);
subscribe((event) => send({ type: "event", event }));

let reportedError: string | null = null;
const errorWatch = setInterval(() => {
  void running.then(({ indexer, sweep }) => {
    const error = indexer.lastError ?? sweep?.lastError ?? null;
    if (error === reportedError) return;
    reportedError = error;
    send({ type: "error", message: reportedError });
  });
}, 500);

async function handle(message: ToIndexThread): Promise<void> {
  const { indexer, builder, sweep, close } = await running;
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
          store: indexer.store,
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
      await sweep?.stop();
      await indexer.stop();
      await builder.stop();
      await close();
      closeDb(); // the SQLite connection, when the index is SQLite's (a no-op otherwise)
      send({ type: "stopped" });
      return port.close();
  }
}

port.on("message", (message: ToIndexThread) => void handle(message));

async function main(): Promise<void> {
  const state = await running;
  const source = await archive;
  state.builder.start(); // what a crash left unbuilt, then what the catch-up marks
  await catchUp(state.indexer, source);
  // Team mode: replicas share the index and the bucket, so each also indexes what the others archived.
  if (databaseUrl && bucket) {
    state.sweep = new BucketSweep(state.indexer, source, replicaId(dataDir));
    state.sweep.start(sweepMs);
  }
  send({ type: "ready", damaged: state.indexer.damageReport() });
}

void main();
