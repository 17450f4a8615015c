// `npm run reindex` with TRACEMARK_DATABASE_URL: the PostgreSQL index is emptied of everything derived and
// indexed again from the archive, giving the rows a SQLite index caught up from the same archive has; labels
// (user data) stay; run twice, it gives the same index again (nothing left over, nothing doubled).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { openPgDb } from "@/db/client-pg";
import { listenPg } from "@/db/notify-pg";
import { lockOutReplicas, REPLICAS_LOCK } from "@/db/replicas-pg";
import { PgStore } from "@/db/store-pg";
import { sqliteStoreOf } from "@/db/store-sqlite";
import { fixtureFolders, receiveInputOf } from "@/e2e/support/fixture-bodies";
import { builtReferenceTables, readIndexTables } from "@/e2e/support/index-tables";
import { postgresUnavailable, startPostgres, type TestPostgres } from "@/e2e/support/postgres";
import { runScriptAsync } from "@/e2e/support/scripts";
import { openArchiveSource } from "@/ingest/archive/open";
import { indexInProcess, startPipeline } from "@/ingest/pipeline";
import { sessionKeyOf } from "@/lib/adapters";

const skip = postgresUnavailable();
let cluster: TestPostgres;
let url = "";
let dataDir = "";

beforeAll(async () => {
  if (skip) return;
  cluster = await startPostgres();
  url = await cluster.createDatabase();
  // A data dir with an archive, written as the server writes it.
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tracemark-reindex-pg-"));
  const pipeline = await startPipeline({
    dataDir,
    bucket: null,
    fsync: false,
    openIndex: indexInProcess(sqliteStoreOf(getDb(dataDir)), () => undefined, sessionKeyOf),
  });
  for (const folder of fixtureFolders().slice(0, 6))
    for (const body of folder.bodies) await pipeline.receiver.receive(receiveInputOf(body));
  await pipeline.shutdown();
  closeDb();
}, 120_000);

afterAll(async () => {
  if (cluster) await cluster.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

test.skipIf(skip)(
  "reindex on PostgreSQL rebuilds the index from the archive, equal to SQLite's, and keeps labels",
  async () => {
    const db = await openPgDb(url);
    const store = new PgStore(db.$client);
    try {
      await store.run(
        `INSERT INTO labels (target_type, target_id, label, labeled_by, labeled_at) VALUES ('turn', 't1', 'good', 'ann', 1)`,
      );
      // Rows a reindex must drop: derived, and not in the archive.
      await store.run(`INSERT INTO segments (name, signal, lines_indexed) VALUES ('logs/gone', 'logs', 7)`);

      const expected = await builtReferenceTables(
        path.join(dataDir, "reference.sqlite"),
        await openArchiveSource({ dataDir, bucket: null }),
      );
      expect(expected.log_records!.length).toBeGreaterThan(0);

      for (let run = 0; run < 2; run++) {
        const result = await runScriptAsync("reindex", dataDir, { TRACEMARK_DATABASE_URL: url });
        expect(result.output).toContain("reindexed");
        expect(result.status, result.output).toBe(0);
        expect(await readIndexTables(store)).toEqual(expected);
      }
      expect(await store.all("SELECT target_id AS targetId, label FROM labels")).toEqual([
        { targetId: "t1", label: "good" },
      ]);
    } finally {
      await db.$client.end();
    }
  },
  300_000,
);

test.skipIf(skip)(
  "reindex on PostgreSQL refuses while a replica runs on the database, and a replica started meanwhile waits",
  async () => {
    // A running replica, as far as the database can tell: its live-update listener holding REPLICAS_LOCK.
    const replica = await listenPg({
      url,
      channel: "tracemark_events",
      sharedLock: REPLICAS_LOCK,
      onMessage: () => undefined,
    });
    try {
      const refused = await runScriptAsync("reindex", dataDir, { TRACEMARK_DATABASE_URL: url });
      expect(refused.status, refused.output).toBe(2);
      expect(refused.output).toMatch(/1 tracemark replica is running on this database; stop every replica/);
    } finally {
      await replica.close();
    }

    const lock = await lockOutReplicas(url);
    if (!("release" in lock)) throw new Error(`still ${lock.running} replicas`);
    let started = false;
    const starting = listenPg({
      url,
      channel: "tracemark_events",
      sharedLock: REPLICAS_LOCK,
      onMessage: () => undefined,
    }).then((listener) => {
      started = true;
      return listener;
    });
    const db = await openPgDb(url);
    try {
      // the starting replica waits on the lock (seen in pg_locks), not started, until the reindex releases it
      for (;;) {
        const waiting = await db.$client.query(
          "SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = $1",
          [REPLICAS_LOCK],
        );
        if ((waiting.rows[0] as { n: number }).n > 0) break;
      }
      expect(started).toBe(false);
      await lock.release();
      const listener = await starting;
      expect(await lockOutReplicas(url)).toEqual({ running: 1 });
      await listener.close();
    } finally {
      await db.$client.end();
    }
  },
  120_000,
);
