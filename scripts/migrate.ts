// `npm run migrate -- --to postgres://… [--archive s3://bucket/prefix] [--data-dir DIR]`: moves a local store
// into team mode (docs/team.md "Moving up: npm run migrate") without losing a label. The archive first (with
// --archive: every local segment PUT as a closed segment of this data dir's replica; a rerun finds them
// there), then in ONE PostgreSQL transaction the whole index (db/copy-tables.ts) with the segments renamed to
// their bucket names, and the three journals' lines into journal_lines: a failure leaves the database empty,
// so a rerun starts over; after a success a rerun refuses (the target is not empty).
import fs from "node:fs";
import { parseArgs } from "node:util";
import type Database from "better-sqlite3";
import { getDb } from "@/db/client";
import { describeUrl, openPgDb } from "@/db/client-pg";
import { copySqliteTables, findNonEmptyTable } from "@/db/copy-tables";
import { saveJournalLines, type JournalName } from "@/db/queries/journal-lines";
import type { Store } from "@/db/store";
import { PgStore } from "@/db/store-pg";
import { archiveRoot } from "@/ingest/archive/layout";
import { replicaId } from "@/ingest/archive/open";
import { Bucket } from "@/ingest/archive/s3/bucket";
import { copyLocalArchive, type CopiedSegment } from "@/ingest/archive/s3/copy-local";
import { archiveLocation } from "@/lib/config";
import { JOURNAL_FILES, readJournalFileLines } from "@/lib/journals/files";
import { acquireServerLock, removeServerLock } from "@/lib/server-lock";
import { DATA_DIR_OPTION, DATA_DIR_USAGE, dataDirFromArgs, refuseUnlessTracemarkDir } from "./data-dir";

const USAGE = `usage: npm run migrate -- --to postgres://USER:PASS@HOST:5432/DB [--archive s3://BUCKET/PREFIX]
  ${DATA_DIR_USAGE}
  --to       an empty PostgreSQL database (created by you; tracemark makes its tables)
  --archive  also copy the local archive into this bucket (then run the team with TRACEMARK_ARCHIVE_URL)`;

/** A refusal: nothing was written; the message says what to change. */
class Refusal extends Error {}

interface Options {
  to: string;
  archive: string | null;
  dataDir: string;
}

const OPTIONS = {
  to: { type: "string" },
  archive: { type: "string" },
  help: { type: "boolean", short: "h" },
  ...DATA_DIR_OPTION,
} as const;

function parseOptions(): Options {
  let values: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; strict: true }>>["values"];
  try {
    values = parseArgs({ options: OPTIONS, strict: true }).values;
  } catch (error) {
    throw new Refusal(`${(error as Error).message}\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (!values.to) throw new Refusal(`--to is required\n${USAGE}`);
  if (!/^postgres(ql)?:\/\/./.test(values.to))
    throw new Refusal(`--to must be a postgres:// URL (e.g. postgres://user:pass@host:5432/tracemark)`);
  if (values.archive !== undefined) {
    try {
      archiveLocation(values.archive);
    } catch (error) {
      throw new Refusal(`--archive: ${(error as Error).message}`);
    }
  }
  return { to: values.to, archive: values.archive ?? null, dataDir: dataDirFromArgs(values) };
}

/** The bucket of --archive, checked (reachable, writable) before anything is copied. */
async function openBucket(url: string): Promise<Bucket> {
  const bucket = Bucket.open(archiveLocation(url));
  await bucket.check();
  return bucket;
}

interface Copied {
  tables: Map<string, number>;
  journals: Record<JournalName, number>;
}

/** Renames per statement: one pass over `requests` (a hash join) for each, not one per segment. */
const RENAMES_PER_STATEMENT = 1_000;

/** The index's segment names and its records' places, local names → bucket names. */
async function renameSegments(tx: Store, segments: CopiedSegment[]): Promise<void> {
  for (let start = 0; start < segments.length; start += RENAMES_PER_STATEMENT) {
    const batch = segments.slice(start, start + RENAMES_PER_STATEMENT);
    const pairs = `(VALUES ${batch.map(() => "(?, ?)").join(", ")}) AS m(old_name, new_name)`;
    const params = batch.flatMap(({ from, to }) => [from, to]);
    await tx.run(
      `UPDATE segments SET name = m.new_name FROM ${pairs} WHERE segments.name = m.old_name`,
      params,
    );
    await tx.run(
      `UPDATE requests SET segment = m.new_name FROM ${pairs} WHERE requests.segment = m.old_name`,
      params,
    );
  }
}

/** The index, the renamed segments and the journals, in one transaction of `target`. */
async function copyIntoDatabase(
  sqlite: Database.Database,
  target: Store,
  dataDir: string,
  segments: CopiedSegment[],
): Promise<Copied> {
  return target.transaction(async (tx) => {
    const tables = await copySqliteTables(sqlite, tx);
    // the index's progress and its records' places follow the lines to their bucket names
    await renameSegments(tx, segments);
    const journals = { labels: 0, reasons: 0, users: 0 };
    for (const journal of Object.keys(JOURNAL_FILES) as JournalName[]) {
      const lines = readJournalFileLines(JOURNAL_FILES[journal](dataDir));
      await saveJournalLines({ store: tx, journal, lines });
      journals[journal] = lines.length;
    }
    return { tables, journals };
  });
}

function report(options: Options, copied: Copied, segments: CopiedSegment[]): string {
  const rows = [...copied.tables].filter(([, n]) => n > 0).map(([table, n]) => `${table} ${n}`);
  const lines = [
    `tracemark: copied ${options.dataDir} into ${describeUrl(options.to)}:`,
    `  index rows: ${rows.length > 0 ? rows.join(", ") : "none (an empty index)"}`,
    `  journal lines: labels ${copied.journals.labels}, reasons ${copied.journals.reasons}, users ${copied.journals.users}`,
  ];
  if (options.archive) {
    const bytes = segments.reduce((sum, segment) => sum + segment.bytes, 0);
    const present = segments.filter((segment) => segment.present).length;
    lines.push(
      `  archive: ${segments.length} segments (${bytes} bytes) into ${options.archive}` +
        (present > 0 ? ` (${present} already there from an earlier run)` : ""),
    );
  } else
    lines.push(
      "  archive: not copied (no --archive): the index's records point into this data dir's archive",
    );
  lines.push(
    `Next: start tracemark with TRACEMARK_DATABASE_URL${options.archive ? " and TRACEMARK_ARCHIVE_URL" : ""} (docs/team.md).`,
  );
  return lines.join("\n");
}

async function migrate(options: Options): Promise<void> {
  const sqlite = getDb(options.dataDir).$client;
  const db = await openPgDb(options.to); // names the problem: unreachable, login refused, no such database
  try {
    const target = new PgStore(db.$client);
    const full = await findNonEmptyTable(target);
    if (full)
      throw new Refusal(
        `${describeUrl(options.to)} is not empty (${full.table} has ${full.rows} rows): migrate copies into an ` +
          "empty database only, so a second run after a complete one stops here and writes nothing. " +
          "Use a new database (or drop and recreate this one) to copy again.",
      );
    let segments: CopiedSegment[] = [];
    if (options.archive) {
      const bucket = await openBucket(options.archive);
      try {
        const root = archiveRoot(options.dataDir);
        segments = fs.existsSync(root)
          ? await copyLocalArchive(root, bucket, replicaId(options.dataDir))
          : [];
      } finally {
        bucket.destroy();
      }
    }
    const copied = await copyIntoDatabase(sqlite, target, options.dataDir, segments);
    console.log(report(options, copied, segments));
  } finally {
    await db.$client.end();
  }
}

async function main(): Promise<void> {
  const options = parseOptions();
  refuseUnlessTracemarkDir(options.dataDir, "index");
  const other = acquireServerLock(options.dataDir);
  if (other !== null)
    throw new Refusal(
      `a tracemark server (pid ${other}) is running on ${options.dataDir}: stop it, then migrate`,
    );
  try {
    await migrate(options);
  } finally {
    removeServerLock(options.dataDir);
  }
}

main().catch((error: unknown) => {
  console.error(
    `tracemark: migrate ${error instanceof Refusal ? "refused" : "failed"}: ${(error as Error).message}`,
  );
  if (!(error instanceof Refusal))
    console.error("Nothing was committed to the database; fix the cause and run it again.");
  process.exit(error instanceof Refusal ? 2 : 1);
});
