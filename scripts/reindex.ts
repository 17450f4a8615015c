// `npm run reindex`: rebuilds the whole index from the archive (the source of truth). Labels are user data:
// they stay in the index and are re-applied from the label journal. Refuses while a server runs on the dir,
// and refuses a dir with neither an archive nor an index. `--data-dir DIR` picks the dir. With
// TRACEMARK_ARCHIVE_URL the archive is the bucket's, and the data dir may be new (it gets the index). With
// TRACEMARK_DATABASE_URL the index is PostgreSQL's: stop every replica first (their lock is not visible from
// here); its derived tables are emptied and indexed again from the archive, labels stay.
import fs from "node:fs";
import { parseArgs } from "node:util";
import { DamagedIndexError, getDb, setDamagedIndexAside, setBulkWrites, type Db } from "@/db/client";
import { explainPgError } from "@/db/client-pg";
import { openIndexStore } from "@/db/open-store";
import { lockOutReplicas } from "@/db/replicas-pg";
import { deleteDerivedIndex } from "@/db/queries/ingest";
import type { Store } from "@/db/store";
import { sqliteStoreOf } from "@/db/store-sqlite";
import { getIndexTotals } from "@/db/queries/totals";
import { rebuildNoteSearch } from "@/db/queries/search";
import { archiveRoot } from "@/ingest/archive/layout";
import { openArchiveSource } from "@/ingest/archive/open";
import { recoverArchive } from "@/ingest/archive/recovery";
import type { BucketLocation } from "@/ingest/archive/s3/bucket";
import { BucketError } from "@/ingest/archive/s3/errors";
import { catchUp } from "@/ingest/catch-up";
import { Indexer } from "@/ingest/indexer";
import { sessionKeyOf } from "@/lib/adapters";
import { loadConfig } from "@/lib/config";
import { openJournals } from "@/lib/journals/journals";
import { replayJournal } from "@/lib/labels/journal";
import { acquireServerLock, removeServerLock } from "@/lib/server-lock";
import { SessionBuilder } from "@/lib/sessions/builder";
import { DATA_DIR_OPTION, dataDirFromArgs, refuseUnlessTracemarkDir } from "./data-dir";

async function main(): Promise<void> {
  const { values } = parseArgs({ options: DATA_DIR_OPTION, strict: true });
  const dataDir = dataDirFromArgs(values);
  const { archiveBucket: bucket, databaseUrl } = settings(dataDir);
  if (bucket) {
    await checkBucket(bucket);
    fs.mkdirSync(dataDir, { recursive: true });
  } else refuseUnlessTracemarkDir(dataDir, "index-or-archive");
  // Held while reindexing, so a server cannot start on the half-built index meanwhile.
  const pid = acquireServerLock(dataDir);
  if (pid !== null) {
    console.error(`tracemark: a server (pid ${pid}) is running on ${dataDir}; stop it before reindexing.`);
    process.exit(1);
  }
  const replicas = databaseUrl ? await lockOutReplicasOrExit(databaseUrl) : null;
  const started = Date.now();
  const { store, close } = await openForReindex(dataDir, databaseUrl);
  if (!bucket) await recoverArchive(archiveRoot(dataDir));
  await deleteDerivedIndex({ store });
  // Index everything first, then build each session once: building while indexing rebuilt a session each
  // time another batch brought some of its records. The marks are durable, so a crash in between loses nothing.
  const indexer = new Indexer(store, () => undefined, sessionKeyOf);
  const lines = await catchUp(indexer, await openArchiveSource({ dataDir, bucket }));
  const builder = new SessionBuilder(store, 0);
  builder.start();
  await builder.whenIdle();
  // Labels replayed from their journal: the data dir's file, or team mode's journal_lines (its labels table
  // is kept by deleteDerivedIndex, and the replay sets each label to what it already is).
  const journals = await openJournals({ dataDir, store });
  await replayJournal(store, journals);
  journals.close();
  await rebuildNoteSearch({ store });
  removeServerLock(dataDir);
  const totals = await getIndexTotals({ store });
  await close();
  await replicas?.release();
  const damage = indexer.damageReport();
  console.log(
    `tracemark: reindexed ${lines} archived requests in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
      `${totals.log_records} log records, ${totals.spans} spans, ${totals.metric_points} metric points, ` +
      `${totals.sessions} sessions, ${totals.turns} turns.`,
  );
  if (damage) {
    // The index is complete except for those segments: the server starts on it and reports them too.
    console.error(`tracemark: reindex finished with damage: ${damage}`);
    process.exit(1);
  }
}

/** TRACEMARK_ARCHIVE_URL's bucket (null: `<data>/archive`) and TRACEMARK_DATABASE_URL (null: the data dir's
 * SQLite index); a bad setting ends the script with its message. */
function settings(dataDir: string): { archiveBucket: BucketLocation | null; databaseUrl: string | null } {
  try {
    return loadConfig({ dataDir });
  } catch (error) {
    console.error(`tracemark: ${(error as Error).message}`);
    process.exit(1);
  }
}

/** Reachable, existing, these credentials work: otherwise say which setting to fix (no stack trace). */
async function checkBucket(location: BucketLocation): Promise<void> {
  const { Bucket } = await import("@/ingest/archive/s3/bucket");
  const bucket = Bucket.open(location);
  try {
    await bucket.check();
  } catch (error) {
    if (!(error instanceof BucketError)) throw error;
    console.error(`tracemark: cannot reindex: ${error.message}`);
    process.exit(1);
  } finally {
    bucket.destroy();
  }
}

/** Team mode: no replica may write the index while it is emptied and rebuilt; replicas starting meanwhile
 * wait for the end (docs/team.md "Indexing on PostgreSQL"). */
async function lockOutReplicasOrExit(databaseUrl: string): Promise<{ release: () => Promise<void> }> {
  const lock = await lockOutReplicas(databaseUrl).catch((error: unknown) => {
    console.error(`tracemark: cannot reindex: ${explainPgError(databaseUrl, error).message}`);
    return process.exit(1);
  });
  if ("release" in lock) return lock;
  console.error(
    `tracemark: ${lock.running} tracemark replica${lock.running === 1 ? " is" : "s are"} running on this database; ` +
      "stop every replica before reindexing (reindex empties the index they write).",
  );
  return process.exit(2);
}

/** The index to rebuild: PostgreSQL's, or the data dir's SQLite file. */
async function openForReindex(
  dataDir: string,
  databaseUrl: string | null,
): Promise<{ store: Store; close: () => Promise<void> }> {
  if (databaseUrl) return openIndexStore({ dataDir, databaseUrl }, { max: 2 });
  const db = openIndex(dataDir);
  // The index is derived and rebuilt whole: a crash midway means running reindex again, so commits need not
  // wait for the disk, and the WAL is checkpointed in large steps (its writes were a third of the time).
  setBulkWrites(db);
  return { store: sqliteStoreOf(db), close: () => Promise.resolve() };
}

/** The index, or a fresh one when the old file is damaged (set aside, not deleted: it may hold clues). */
function openIndex(dataDir: string): Db {
  try {
    return getDb(dataDir, { checkIntegrity: true });
  } catch (error) {
    if (!(error instanceof DamagedIndexError)) throw error;
    console.error(`tracemark: ${(error as Error).message}`);
    console.error(
      `tracemark: set the damaged index aside as ${setDamagedIndexAside(dataDir)}; building a new one`,
    );
    return getDb(dataDir);
  }
}

main().catch((error: unknown) => {
  console.error("tracemark: reindex failed:", error);
  process.exit(1);
});
