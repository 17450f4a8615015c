// The index thread on PostgreSQL (the real worker entry with `databaseUrl`, its own pool): what the server
// acknowledges is indexed into PostgreSQL, also when the worker dies mid-stream and its replacement catches up
// from the archive; the index equals a SQLite index caught up from the same archive.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { openPgDb } from "@/db/client-pg";
import { PgStore } from "@/db/store-pg";
import { fixtureFolders, receiveInputOf } from "@/e2e/support/fixture-bodies";
import { sendRetrying, startIndexThreadPipeline } from "@/e2e/support/index-thread";
import { builtReferenceTables, readIndexTables } from "@/e2e/support/index-tables";
import { postgresUnavailable, startPostgres, type TestPostgres } from "@/e2e/support/postgres";
import { openArchiveSource } from "./archive/open";
import type { ReceiveInput } from "./receiver";

const skip = postgresUnavailable();
let cluster: TestPostgres;
const dirs: string[] = [];

beforeAll(async () => {
  if (!skip) cluster = await startPostgres();
}, 120_000);
afterAll(async () => {
  if (cluster) await cluster.stop();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const inputs: ReceiveInput[] = fixtureFolders()
  .slice(0, 8)
  .flatMap((folder) => folder.bodies.map(receiveInputOf));

test.skipIf(skip)(
  "the index thread indexes into PostgreSQL, through a worker's death, as a catch-up into SQLite would",
  async () => {
    const url = await cluster.createDatabase();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tracemark-index-thread-pg-"));
    dirs.push(dataDir);
    const pipeline = await startIndexThreadPipeline(dataDir, url);
    const half = Math.floor(inputs.length / 2);
    for (const input of inputs.slice(0, half)) await pipeline.receiver.receive(input);
    const worker = (pipeline.indexer as unknown as { worker: { terminate(): Promise<number> } }).worker;
    await worker.terminate(); // with requests posted to it and not yet indexed
    for (const input of inputs.slice(half)) await sendRetrying(pipeline, input);
    await pipeline.indexer.whenIdle();
    expect(pipeline.indexer.lastError).toBeNull();
    await pipeline.shutdown();
    expect(fs.existsSync(path.join(dataDir, "index.sqlite"))).toBe(false); // nothing went to SQLite

    const expected = await builtReferenceTables(
      path.join(dataDir, "reference.sqlite"),
      await openArchiveSource({ dataDir, bucket: null }),
    );
    expect(expected.spans!.length).toBeGreaterThan(0);
    const db = await openPgDb(url);
    try {
      expect(await readIndexTables(new PgStore(db.$client))).toEqual(expected);
    } finally {
      await db.$client.end();
    }
  },
  180_000,
);
