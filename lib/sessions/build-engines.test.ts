// Session builds on both engines: every capture (otlp, otlp-more, transcripts) indexed by the real Indexer and
// built by the real SessionBuilder on SQLite, and its records put into a PostgreSQL index and built there by the
// same SessionBuilder on the Store: sessions, turns (times, JSON), search rows, the Overview's narrow tables and
// exclusions are equal. Then the records arrive on PostgreSQL in batches, each built after it (incrementally
// where the build can continue from the stored one), and the result still equals SQLite's.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Store } from "@/db/store";
import { listEveryCaptureFolder } from "@/e2e/support/ground-truth";
import { derivedRows, folderRequests, ReplayIndex } from "@/e2e/support/index-replay";
import {
  addPgRecords,
  clearPgIndex,
  highestRecordIds,
  seedPgWithoutRecords,
  type RecordIds,
} from "@/e2e/support/pg-seed";
import { testEngines, type OpenedStore } from "@/e2e/support/stores";
import { SessionBuilder } from "./builder";

const FOLDERS = listEveryCaptureFolder();
const NONE: RecordIds = { logs: 0, traces: 0, metrics: 0 };
/** Batches of the second replay: the records of each signal in this many id ranges. */
const BATCHES = 4;

const engines = testEngines();
const postgres = engines.list.find((engine) => engine.name === "postgres");
let pg: OpenedStore;
/** Builds over all captures on PostgreSQL, by path: both must have run there. */
const builds = { incremental: 0, full: 0 };

beforeAll(async () => {
  if (postgres) pg = await postgres.open();
});
afterAll(async () => {
  await pg?.close();
  await engines.stop();
  if (postgres) {
    expect(builds.full).toBeGreaterThan(0);
    expect(builds.incremental).toBeGreaterThan(0);
  }
});

async function buildOn(store: Store): Promise<void> {
  const builder = new SessionBuilder(store, 0, Number.POSITIVE_INFINITY);
  builder.start();
  await builder.whenIdle();
  await builder.stop();
  builds.full += builder.stats.full;
  builds.incremental += builder.stats.incremental;
}

describe.skipIf(!postgres)("session builds on PostgreSQL equal SQLite's", () => {
  test.each(FOLDERS)("$name", async ({ dir }) => {
    const sqlite = new ReplayIndex();
    try {
      await sqlite.add(folderRequests(dir));
      const expected = await derivedRows(sqlite.store);

      await clearPgIndex(pg.store);
      await seedPgWithoutRecords(sqlite.db.$client, pg.store);
      const all = highestRecordIds(sqlite.db.$client);
      await addPgRecords(sqlite.db.$client, pg.store, { after: NONE, upTo: all, markedAt: 1 });
      await buildOn(pg.store);
      expect(await derivedRows(pg.store)).toEqual(expected);
      expect(
        await pg.store.get("SELECT 1 AS left FROM dirty_sessions UNION SELECT 1 FROM dirty_traces"),
      ).toBe(undefined);

      // the same records in batches: each build continues from the one before
      await clearPgIndex(pg.store);
      await seedPgWithoutRecords(sqlite.db.$client, pg.store);
      let after = NONE;
      for (let batch = 1; batch <= BATCHES; batch++) {
        const upTo: RecordIds = {
          logs: Math.floor((all.logs * batch) / BATCHES),
          traces: Math.floor((all.traces * batch) / BATCHES),
          metrics: Math.floor((all.metrics * batch) / BATCHES),
        };
        await addPgRecords(sqlite.db.$client, pg.store, { after, upTo, markedAt: batch });
        await buildOn(pg.store);
        after = upTo;
      }
      expect(await derivedRows(pg.store)).toEqual(expected);
    } finally {
      await sqlite.close();
    }
  });
});
