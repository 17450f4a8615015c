// Several replicas building sessions on one PostgreSQL: two SessionBuilders on two pools of one database, the
// real captures' records arriving in random batches and either replica (or both at once) building them. Each
// mark is built once, by one of them (a trigger logs every mark a build clears, compared with the builds the
// builders counted), and the result equals one SQLite builder's over the same records. A mark added while its
// session is being built survives the build; a replica whose connection dies mid-build leaves its sessions
// marked, and the other builds them. A build is held mid-way by a row it must wait for, never by timing.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openPgDb } from "@/db/client-pg";
import { saveSessionClaim } from "@/db/queries/rebuild-queue";
import { PgStore } from "@/db/store-pg";
import { FIXTURES_DIR, FIXTURES_MORE_DIR, listCaptureFolders } from "@/e2e/support/fixtures-dir";
import { derivedRows, folderRequests, ReplayIndex } from "@/e2e/support/index-replay";
import {
  addPgRecords,
  clearPgIndex,
  highestRecordIds,
  seedPgWithoutRecords,
  type RecordIds,
} from "@/e2e/support/pg-seed";
import { postgresUnavailable, startPostgres, type TestPostgres } from "@/e2e/support/postgres";
import { seededRandom } from "@/e2e/support/seeded-random";
import { SessionBuilder } from "./builder";

const NONE: RecordIds = { logs: 0, traces: 0, metrics: 0 };
const unavailable = postgresUnavailable();

let replay: ReplayIndex;
let expected: Record<string, string[]>;
let cluster: TestPostgres;
/** Replica A's and B's pools, and the test's own (seeding, holding rows, watching, killing). */
let a: PgStore;
let b: PgStore;
let observer: PgStore;

beforeAll(async () => {
  if (unavailable) return;
  replay = new ReplayIndex();
  // one transport of each capture (grpc, http-binary and http-json carry the same session)
  const captures = new Map<string, string>();
  for (const folder of [...listCaptureFolders(FIXTURES_DIR), ...listCaptureFolders(FIXTURES_MORE_DIR)])
    if (!captures.has(path.dirname(folder))) captures.set(path.dirname(folder), folder);
  for (const folder of captures.values()) await replay.add(folderRequests(folder));
  expected = await derivedRows(replay.store);
  cluster = await startPostgres();
  const url = await cluster.createDatabase();
  const open = async (max: number): Promise<PgStore> => new PgStore((await openPgDb(url, { max })).$client);
  a = await open(3);
  b = await open(3);
  observer = await open(4);
  // every mark a committed build cleared (TRUNCATE, which clearPgIndex uses, fires no DELETE trigger)
  await observer.run("CREATE TABLE cleared_marks (session_key text NOT NULL)");
  await observer.run(`CREATE FUNCTION log_cleared_mark() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN INSERT INTO cleared_marks VALUES (OLD.session_key); RETURN OLD; END $$`);
  await observer.run(`CREATE TRIGGER dirty_sessions_cleared AFTER DELETE ON dirty_sessions
    FOR EACH ROW EXECUTE FUNCTION log_cleared_mark()`);
});

afterAll(async () => {
  if (unavailable) return;
  await replay.close();
  for (const store of [a, b, observer]) await store?.pool.end();
  await cluster?.stop();
});

const buildsOf = (builder: SessionBuilder): number => builder.stats.full + builder.stats.incremental;

async function clearedMarks(key?: string): Promise<number> {
  const row = await (key === undefined
    ? observer.get<{ n: number }>("SELECT count(*) AS n FROM cleared_marks")
    : observer.get<{ n: number }>("SELECT count(*) AS n FROM cleared_marks WHERE session_key = @key", {
        key,
      }));
  return row!.n;
}

async function freshIndex(): Promise<void> {
  await clearPgIndex(observer);
  await seedPgWithoutRecords(replay.db.$client, observer);
}

/** A fresh index holding every record, all marked for building in one go. */
async function freshIndexWithEveryRecord(): Promise<void> {
  await freshIndex();
  await addPgRecords(replay.db.$client, observer, {
    after: NONE,
    upTo: highestRecordIds(replay.db.$client),
    markedAt: 1,
  });
}

/** Resolves once `n` backends of the database wait for a lock (polled: the waits are what is checked). */
async function whenWaitingForLocks(n: number): Promise<number[]> {
  for (;;) {
    const rows = await observer.all<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
         ORDER BY pid`,
    );
    if (rows.length >= n) return rows.map((row) => row.pid);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Holds an uncommitted sessions row with this id: a build storing that session waits for it, mid-build. */
function holdSessionRow(id: string): { held: Promise<void>; release: () => void; done: Promise<unknown> } {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let held!: () => void;
  const heldNow = new Promise<void>((resolve) => (held = resolve));
  const done = observer
    .transaction(async (tx) => {
      await tx.run(
        `INSERT INTO sessions (id, client, models, turn_count, tool_call_count, tool_failure_count,
           api_error_count, input_tokens, output_tokens, cached_input_tokens, reasoning_tokens, updated_at)
         VALUES (@id, 'held', '[]', 0, 0, 0, 0, 0, 0, 0, 0, 0)`,
        { id },
      );
      held();
      await released;
      throw new Error("rolled back: the row was only held");
    })
    .catch((error: unknown) => error);
  return { held: heldNow, release, done };
}

/** A session of the captures the builders store (not an exclusion), to hold mid-build. */
const aSession = (): string => (JSON.parse(expected.sessions![0]!) as { id: string }).id;

describe.skipIf(unavailable !== null)("session builds with two replicas on one PostgreSQL", () => {
  test("records in random batches, built by either replica or both at once: each mark built once, by one", async () => {
    await freshIndex();
    const random = seededRandom(17);
    const all = highestRecordIds(replay.db.$client);
    // who builds each batch: A alone, B alone and both at once each appear, in a seeded order
    const modes = ["a", "b", "both", "both", "a", "both", "b", "both"].sort(() => random() - 0.5);
    const builderA = new SessionBuilder(a, 0, Number.POSITIVE_INFINITY);
    const builderB = new SessionBuilder(b, 0, Number.POSITIVE_INFINITY);
    let after = NONE;
    for (const [i, mode] of modes.entries()) {
      const last = i === modes.length - 1;
      const cut = (signal: keyof RecordIds): number =>
        last ? all[signal] : after[signal] + Math.floor(random() * (all[signal] - after[signal]) * 0.5);
      const upTo: RecordIds = { logs: cut("logs"), traces: cut("traces"), metrics: cut("metrics") };
      await addPgRecords(replay.db.$client, observer, { after, upTo, markedAt: i + 1 });
      after = upTo;
      const before = { builds: buildsOf(builderA) + buildsOf(builderB), cleared: await clearedMarks() };
      if (mode === "a") await builderA.whenIdle();
      else if (mode === "b") await builderB.whenIdle();
      else await Promise.all([builderA.whenIdle(), builderB.whenIdle()]);
      const builds = buildsOf(builderA) + buildsOf(builderB) - before.builds;
      expect(builds, `batch ${i} (${mode})`).toBe((await clearedMarks()) - before.cleared);
      expect(
        await observer.get("SELECT 1 AS marked FROM dirty_sessions UNION SELECT 1 FROM dirty_traces"),
      ).toBe(undefined);
    }
    expect(buildsOf(builderA)).toBeGreaterThan(0);
    expect(buildsOf(builderB)).toBeGreaterThan(0);
    await Promise.all([builderA.stop(), builderB.stop()]);
    expect(await derivedRows(observer)).toEqual(expected);
  });

  test("a mark added while its session is being built survives the build: the session is built again", async () => {
    await freshIndexWithEveryRecord();
    const key = aSession();
    const hold = holdSessionRow(key);
    await hold.held;
    const builderA = new SessionBuilder(a, 0, Number.POSITIVE_INFINITY);
    builderA.start();
    await whenWaitingForLocks(1); // A claimed the session and waits to store it
    expect(await b.transaction((tx) => saveSessionClaim({ tx, key }))).toBe(false); // B leaves it to A
    // the indexer of another replica marks the session again (new records): it waits for A's build to end
    const marked = observer.run(
      `INSERT INTO dirty_sessions (session_key, marked_at) VALUES (@key, 99)
       ON CONFLICT (session_key) DO UPDATE SET marked_at = excluded.marked_at`,
      { key },
    );
    await whenWaitingForLocks(2);
    hold.release();
    await hold.done;
    await marked;
    await builderA.whenIdle();
    await builderA.stop();
    expect(await clearedMarks(key)).toBe(2);
    expect(await derivedRows(observer)).toEqual(expected);
  });

  test("a replica whose connection is killed mid-build leaves its sessions marked; the other builds them", async () => {
    await freshIndexWithEveryRecord();
    const key = aSession();
    const hold = holdSessionRow(key);
    await hold.held;
    const builderA = new SessionBuilder(a, 0, Number.POSITIVE_INFINITY);
    builderA.start();
    const [pid] = await whenWaitingForLocks(1);
    await observer.run("SELECT pg_terminate_backend(@pid)", { pid });
    hold.release();
    await hold.done;
    await builderA.stop();
    expect(await clearedMarks(key)).toBe(0); // its build was rolled back with its connection
    const marked = await observer.get<{ n: number }>(
      "SELECT count(*) AS n FROM dirty_sessions WHERE session_key = @key",
      { key },
    );
    expect(marked!.n).toBe(1);
    const builderB = new SessionBuilder(b, 0, Number.POSITIVE_INFINITY);
    builderB.start();
    await builderB.whenIdle();
    await builderB.stop();
    expect(await derivedRows(observer)).toEqual(expected);
  });
});
