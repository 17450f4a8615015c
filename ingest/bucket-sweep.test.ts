// Team mode's exactly-once: two replicas (own data dirs, one s3rver bucket, one PostgreSQL index). Replica A
// acknowledges requests (they are in the bucket) and stops indexing before writing them, as a replica killed
// after its acks; replica B's bucket sweep indexes A's lines once their listing has stopped changing, once
// only, and the shared index equals a SQLite index caught up from the same bucket.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { openDb } from "@/db/client";
import { openPgDb } from "@/db/client-pg";
import { PgStore } from "@/db/store-pg";
import { sqliteStoreOf } from "@/db/store-sqlite";
import { fixtureFolders, receiveInputOf } from "@/e2e/support/fixture-bodies";
import { readIndexTables } from "@/e2e/support/index-tables";
import { postgresUnavailable, startPostgres, type TestPostgres } from "@/e2e/support/postgres";
import { startS3, useS3InThisProcess, type TestS3 } from "@/e2e/support/s3-server";
import { sessionKeyOf } from "@/lib/adapters";
import { openArchiveSource, replicaId } from "./archive/open";
import type { BucketLocation } from "./archive/s3/bucket";
import { BucketSweep } from "./bucket-sweep";
import { catchUp } from "./catch-up";
import { Indexer } from "./indexer";
import { startPipeline, type Pipeline } from "./pipeline";
import type { ReceiveInput } from "./receiver";

const skip = postgresUnavailable();
let s3: TestS3;
let cluster: TestPostgres;
let url = "";
let location: BucketLocation;
const dirs: string[] = [];
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  if (skip) return;
  s3 = await startS3();
  useS3InThisProcess(s3);
  location = { url: `s3://${s3.bucket}/team`, bucket: s3.bucket, prefix: "team", pathStyle: true };
  cluster = await startPostgres();
  url = await cluster.createDatabase();
}, 120_000);

afterAll(async () => {
  for (const close of closers.reverse()) await close();
  if (cluster) await cluster.stop();
  if (s3) await s3.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A replica: its data dir, the shared bucket, its own pool on the shared database. */
async function replica(indexing: boolean): Promise<{ pipeline: Pipeline<Indexer>; dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tracemark-replica-"));
  dirs.push(dataDir);
  const db = await openPgDb(url, { max: 2 });
  closers.push(() => db.$client.end());
  const pipeline = await startPipeline({
    dataDir,
    bucket: location,
    fsync: false,
    openIndex: async (_archive, source) => {
      const indexer = new Indexer(new PgStore(db.$client), () => undefined, sessionKeyOf);
      await catchUp(indexer, source);
      // A replica about to die: what it acknowledges from now on is in the bucket, never indexed by it.
      if (!indexing) await indexer.stop(0);
      return indexer;
    },
  });
  closers.push(() => pipeline.shutdown());
  return { pipeline, dataDir };
}

const inputs = (folders: number[]): ReceiveInput[] =>
  fixtureFolders()
    .filter((_, i) => folders.includes(i))
    .flatMap((folder) => folder.bodies.map(receiveInputOf));

const count = async (store: PgStore): Promise<number> =>
  (await store.get<{ n: number }>("SELECT count(*) AS n FROM requests"))!.n;

test.skipIf(skip)(
  "a replica's acknowledged requests that it never indexed are indexed once by another's sweep",
  async () => {
    const a = await replica(false);
    const b = await replica(true);
    for (const input of inputs([0, 1, 2])) await a.pipeline.receiver.receive(input);
    for (const input of inputs([3])) await b.pipeline.receiver.receive(input);
    await a.pipeline.archive.drain();
    await b.pipeline.indexer.whenIdle();
    const store = b.pipeline.indexer.store as PgStore;
    const onlyB = await count(store);
    expect(onlyB).toBeGreaterThan(0);

    const sweep = new BucketSweep(
      b.pipeline.indexer,
      await openArchiveSource({ dataDir: b.dataDir, bucket: location }),
      replicaId(b.dataDir),
    );
    // The first sweep only sees the listing: nothing is read before it has been seen unchanged.
    expect(await sweep.sweep()).toBe(0);
    expect(await count(store)).toBe(onlyB);
    const read = await sweep.sweep();
    expect(read).toBe(inputs([0, 1, 2]).length);
    const afterSweep = await count(store);
    expect(afterSweep).toBeGreaterThan(onlyB);
    // Nothing changed since: nothing is read again.
    expect(await sweep.sweep()).toBe(0);

    // A grows again (it is still acknowledging): the grown segment waits one sweep, then only its new line.
    const [more] = inputs([4]);
    await a.pipeline.receiver.receive(more!);
    await a.pipeline.archive.drain();
    expect(await sweep.sweep()).toBe(0);
    expect(await sweep.sweep()).toBe(1);
    expect(await count(store)).toBe(afterSweep + 1);

    // Exactly the index a single SQLite index caught up from the whole bucket has.
    const reference = openDb(path.join(b.dataDir, "reference.sqlite"));
    closers.push(() => {
      reference.$client.close();
      return Promise.resolve();
    });
    const referenceIndexer = new Indexer(sqliteStoreOf(reference), () => undefined, sessionKeyOf);
    await catchUp(referenceIndexer, await openArchiveSource({ dataDir: b.dataDir, bucket: location }));
    expect(await readIndexTables(store)).toEqual(await readIndexTables(sqliteStoreOf(reference)));
  },
  180_000,
);
