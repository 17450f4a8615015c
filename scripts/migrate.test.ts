// `npm run migrate` on a real data dir: the fixtures replayed through the real pipeline (archive + index +
// sessions), two people with logins labeling (labels.jsonl, reasons.jsonl, users.jsonl), then copied into a
// real PostgreSQL and a real bucket (s3rver). After it PostgreSQL's labels and sessions are SQLite's, the
// journal lines are the files', the bucket holds every archived line, and the journals replay from there.
// Hostile: bad URL, unreachable PostgreSQL, a failing bucket, a non-empty target, a missing data dir, a
// server on the dir: each an exit code and a message, and nothing a rerun cannot pick up.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { openPgDb } from "@/db/client-pg";
import { findNonEmptyTable } from "@/db/copy-tables";
import { listJournalLines, type JournalName } from "@/db/queries/journal-lines";
import type { Store } from "@/db/store";
import { PgStore } from "@/db/store-pg";
import { sqliteStoreOf } from "@/db/store-sqlite";
import { readArchive } from "@/e2e/support/archive";
import { readBucketArchive } from "@/e2e/support/bucket-archive";
import { FIXTURES_DIR, listCaptureFolders } from "@/e2e/support/fixtures-dir";
import { folderRequests } from "@/e2e/support/index-replay";
import { postgresUnavailable, startPostgres, type TestPostgres } from "@/e2e/support/postgres";
import { startS3, type TestS3 } from "@/e2e/support/s3-server";
import { freePort } from "@/e2e/support/server";
import { indexInProcess, startPipeline } from "@/ingest/pipeline";
import { sessionKeyOf } from "@/lib/adapters";
import { JOURNAL_FILES, readJournalFileLines } from "@/lib/journals/files";
import { openJournals } from "@/lib/journals/journals";
import { replayJournal } from "@/lib/labels/journal";
import { setLabel } from "@/lib/labels/labels";
import { saveReasons } from "@/lib/reasons/store";
import { acquireServerLock, removeServerLock } from "@/lib/server-lock";
import { SessionBuilder } from "@/lib/sessions/builder";
import { DEFAULT_REASONS } from "@/lib/shared/reasons";
import { addUser } from "@/lib/users/store";

const run = promisify(execFile);
const skip = postgresUnavailable() !== null;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tracemark-migrate-"));
const dataDir = path.join(tmp, "data");
let cluster: TestPostgres;
let s3: TestS3;
const pools: { end: () => Promise<void> }[] = [];
const SIGNALS = ["logs", "traces", "metrics"] as const;
const JOURNALS = Object.keys(JOURNAL_FILES) as JournalName[];

async function migrate(args: string[]): Promise<{ code: number; output: string }> {
  // the bucket's credentials and endpoint; migrate takes the bucket itself from --archive only
  const env = { ...process.env, ...s3.env(""), TRACEMARK_ARCHIVE_URL: "" };
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ["--import", "tsx", "scripts/migrate.ts", ...args],
      {
        env,
        timeout: 120_000,
      },
    );
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

async function pgStore(url: string): Promise<Store> {
  const db = await openPgDb(url);
  pools.push(db.$client);
  return new PgStore(db.$client);
}

/** A data dir as a server leaves it: fixtures ingested and built, people, a vocabulary, labels by two. */
async function makeDataDir(): Promise<void> {
  const db = getDb(dataDir);
  const builder = new SessionBuilder(sqliteStoreOf(db), 0);
  builder.start();
  const pipeline = await startPipeline({
    dataDir,
    bucket: null,
    fsync: false,
    openIndex: indexInProcess(sqliteStoreOf(db), () => builder.wake(), sessionKeyOf),
  });
  const captures = new Map<string, string>();
  for (const folder of listCaptureFolders(FIXTURES_DIR))
    if (!captures.has(path.dirname(folder))) captures.set(path.dirname(folder), folder);
  for (const folder of captures.values())
    for (const request of folderRequests(folder))
      await pipeline.receiver.receive({
        signal: request.signal,
        encoding: "json",
        transport: "http",
        contentEncoding: null,
        userAgent: "migrate-test",
        body: Buffer.from(JSON.stringify(request.body)),
      });
  await pipeline.indexer.whenIdle();
  await pipeline.shutdown();
  await builder.whenIdle();
  await builder.stop();
  addUser(dataDir, "ann");
  addUser(dataDir, "bob");
  saveReasons(dataDir, "ann", [...DEFAULT_REASONS, { id: "too-slow", title: "Too slow", polarity: "bad" }]);
  const store = sqliteStoreOf(db);
  const turns = await store.all<{ id: string; sessionId: string }>(
    "SELECT id, session_id AS sessionId FROM turns ORDER BY session_id, turn_index",
  );
  for (const [i, turn] of turns.entries()) {
    const label = (user: string, change: object) =>
      setLabel({ store, dataDir, user, targetType: "turn", targetId: turn.id, change });
    if (i % 3 === 0) await label("ann", { label: "good", note: `turn ${i}` });
    if (i % 4 === 0) await label("bob", { label: "bad", reasons: ["too-slow"] });
    if (i % 5 === 1) await label("bob", { label: "bad", correction: "the better answer" });
  }
  const session = turns[0]!.sessionId;
  await setLabel({
    store,
    dataDir,
    user: "ann",
    targetType: "session",
    targetId: session,
    change: { label: "bad" },
  });
}

beforeAll(async () => {
  if (skip) return;
  cluster = await startPostgres();
  s3 = await startS3();
  await makeDataDir();
}, 300_000);

afterAll(async () => {
  closeDb();
  for (const pool of pools) await pool.end();
  await s3?.close();
  await cluster?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const LABELS = `SELECT target_type, target_id, labeled_by, label, note, reasons, correction, labeled_at, version
  FROM labels ORDER BY target_type, target_id, labeled_by`;
const SESSIONS = "SELECT * FROM sessions ORDER BY id";
const TURNS = "SELECT id, session_id, turn_index, data FROM turns ORDER BY id";

describe.skipIf(skip)("npm run migrate", () => {
  test("a failing bucket stops it with the database still empty; the rerun then copies everything", async () => {
    const url = await cluster.createDatabase();
    await s3.stop();
    const failed = await migrate(["--to", url, "--archive", `s3://${s3.bucket}/team`, "--data-dir", dataDir]);
    await s3.start();
    expect(failed.code).toBe(1);
    expect(failed.output).toContain("migrate failed");
    const target = await pgStore(url);
    expect(await findNonEmptyTable(target)).toBeNull();

    const result = await migrate(["--to", url, "--archive", `s3://${s3.bucket}/team`, "--data-dir", dataDir]);
    expect(result.output).toContain("copied");
    expect(result.code).toBe(0);
    expect(result.output).toMatch(/journal lines: labels \d+, reasons 1, users 2/);
    const sqlite = sqliteStoreOf(getDb(dataDir));
    const labels = await sqlite.all(LABELS);
    expect(labels.length).toBeGreaterThan(10);
    expect(await target.all(LABELS)).toEqual(labels);
    expect(await target.all(SESSIONS)).toEqual(await sqlite.all(SESSIONS));
    expect(await target.all(TURNS)).toEqual(await sqlite.all(TURNS));
    for (const journal of JOURNALS) {
      const fileLines = readJournalFileLines(JOURNAL_FILES[journal](dataDir)).map((entry) => entry.line);
      expect(fileLines.length, journal).toBeGreaterThan(0);
      expect(await listJournalLines({ store: target, journal }), journal).toEqual(fileLines);
    }
    for (const signal of SIGNALS) {
      const local = await readArchive(dataDir, signal);
      if (signal !== "metrics") expect(local.length, signal).toBeGreaterThan(0);
      expect(await readBucketArchive(s3, "team", signal), signal).toEqual(local);
    }
    // the index's progress and records name the bucket's segments (this data dir's replica id)
    const replica = fs.readFileSync(path.join(dataDir, "replica-id"), "utf8").trim();
    const names = await target.all<{ name: string }>("SELECT name FROM segments");
    expect(names.length).toBeGreaterThan(0);
    for (const { name } of names)
      expect(name).toMatch(new RegExp(`^[a-z]+/\\d{4}-\\d{2}-\\d{2}/\\d{6}-${replica}$`));
    const places = await target.all<{ segment: string }>("SELECT DISTINCT segment FROM requests");
    expect(places.map((row) => row.segment).sort()).toEqual(names.map((row) => row.name).sort());
  }, 300_000);

  test("the copied journals are team mode's: people, vocabulary, and labels replayed into an emptied index", async () => {
    const url = await cluster.createDatabase();
    // same bucket and prefix as before: the segments are there with the same bytes, so none is written again
    const result = await migrate(["--to", url, "--archive", `s3://${s3.bucket}/team`, "--data-dir", dataDir]);
    expect(result.code).toBe(0);
    expect(result.output).toMatch(/already there from an earlier run/);
    const target = await pgStore(url);
    const journals = await openJournals({ dataDir: "/nonexistent", store: target });
    try {
      expect([...journals.users.current().people.keys()].sort()).toEqual(["ann", "bob"]);
      expect(journals.reasons.current().map((reason) => reason.id)).toContain("too-slow");
      const before = await target.all(LABELS);
      await target.run("DELETE FROM labels");
      expect(await replayJournal(target, journals)).toBeGreaterThan(0);
      expect(await target.all(LABELS)).toEqual(before);
    } finally {
      journals.close();
    }
  }, 300_000);

  test("npm run export on TRACEMARK_DATABASE_URL writes what it writes from the data dir", async () => {
    const url = await cluster.createDatabase();
    expect((await migrate(["--to", url, "--data-dir", dataDir])).code).toBe(0);
    const exportOf = async (env: Record<string, string>, format: string) => {
      const args = ["--label", "all", "--format", format, "--annotator", "all", "--data-dir", dataDir];
      const { stdout } = await run(process.execPath, ["--import", "tsx", "scripts/export.ts", ...args], {
        env: { ...process.env, ...env },
        timeout: 120_000,
        maxBuffer: 256 * 2 ** 20,
      });
      return stdout;
    };
    for (const format of ["turns", "dpo"]) {
      const local = await exportOf({}, format);
      expect(local.split("\n").length, format).toBeGreaterThan(2);
      expect(await exportOf({ TRACEMARK_DATABASE_URL: url }, format), format).toBe(local);
    }
  }, 300_000);

  test("a second run into the same database refuses and writes nothing", async () => {
    const url = await cluster.createDatabase();
    expect((await migrate(["--to", url, "--data-dir", dataDir])).code).toBe(0);
    const target = await pgStore(url);
    const lines = await target.get<{ n: number }>("SELECT count(*) AS n FROM journal_lines");
    const again = await migrate(["--to", url, "--data-dir", dataDir]);
    expect(again.code).toBe(2);
    expect(again.output).toMatch(/is not empty \(\w+ has \d+ rows\)/);
    expect(again.output).not.toContain("copied");
    expect(await target.get("SELECT count(*) AS n FROM journal_lines")).toEqual(lines);
  }, 300_000);

  test("refusals: bad URL, unreachable PostgreSQL, missing data dir, a server on the dir", async () => {
    const bad = await migrate(["--to", "mysql://root@localhost/x", "--data-dir", dataDir]);
    expect(bad).toMatchObject({ code: 2 });
    expect(bad.output).toContain("--to must be a postgres:// URL");

    const none = await migrate(["--data-dir", dataDir]);
    expect(none.code).toBe(2);
    expect(none.output).toContain("--to is required");

    const badBucket = await migrate([
      "--to",
      await cluster.createDatabase(),
      "--archive",
      "http://x",
      "--data-dir",
      dataDir,
    ]);
    expect(badBucket.code).toBe(2);
    expect(badBucket.output).toContain("--archive:");

    const port = await freePort();
    const unreachable = await migrate([
      "--to",
      `postgres://tracemark:secret@127.0.0.1:${port}/x`,
      "--data-dir",
      dataDir,
    ]);
    expect(unreachable.code).toBe(1);
    expect(unreachable.output).toContain("Cannot reach PostgreSQL");
    expect(unreachable.output).not.toContain("secret");

    const missing = path.join(tmp, "no-such-dir");
    const noDir = await migrate(["--to", await cluster.createDatabase(), "--data-dir", missing]);
    expect(noDir.code).toBe(2);
    expect(noDir.output).toContain("not a tracemark data dir");
    expect(fs.existsSync(missing)).toBe(false);

    const url = await cluster.createDatabase();
    expect(acquireServerLock(dataDir)).toBeNull(); // this test process plays the running server
    try {
      const locked = await migrate(["--to", url, "--data-dir", dataDir]);
      expect(locked.code).toBe(2);
      expect(locked.output).toContain(`a tracemark server (pid ${process.pid}) is running on ${dataDir}`);
    } finally {
      removeServerLock(dataDir);
    }
    expect(await findNonEmptyTable(await pgStore(url))).toBeNull();
  }, 300_000);
});
