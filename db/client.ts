// Opens the SQLite index (WAL), applies committed migrations, and shares one connection per process.
// Next.js bundles route handlers separately from the server, so the connection lives on globalThis.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const MIGRATIONS_DIR = path.join(process.cwd(), "db", "migrations");

interface Journal {
  entries: { tag: string }[];
}

/** Refuses an index written by a newer tracemark (more migrations applied than this code knows). */
function assertNotNewer(sqlite: Database.Database, file: string): void {
  const hasTable = sqlite
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
    .get();
  if (!hasTable) return;
  const applied = (sqlite.prepare("SELECT count(*) AS n FROM __drizzle_migrations").get() as { n: number }).n;
  const journal = JSON.parse(
    fs.readFileSync(path.join(MIGRATIONS_DIR, "meta", "_journal.json"), "utf8"),
  ) as Journal;
  if (applied > journal.entries.length) {
    throw new Error(
      `The index at ${file} was written by a newer tracemark (${applied} migrations, this version knows ` +
        `${journal.entries.length}). Upgrade tracemark, or move that file away and run \`npm run reindex\`.`,
    );
  }
}

/** The index file is not a readable SQLite database (truncated, overwritten): it must be rebuilt. */
export class DamagedIndexError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(
      `The index ${file} is damaged (${detail}). It is derived from the archive: stop tracemark and run ` +
        "`npm run reindex` (it sets the damaged file aside and rebuilds it; labels come back from labels.jsonl).",
    );
  }
}

const isCorruption = (error: unknown): boolean =>
  /^SQLITE_(CORRUPT|NOTADB)/.test((error as { code?: string }).code ?? "") ||
  /malformed|not a database/i.test((error as Error).message ?? "");

/** `PRAGMA quick_check` reads every page (~6 ms per MB here, so ~0.7 s for a 100 MB index) but not the
 * cross-checks of integrity_check (~4× slower): enough to catch a truncated or overwritten file at start. */
function assertIntact(sqlite: Database.Database, file: string): void {
  const rows = sqlite.pragma("quick_check(3)") as { quick_check: string }[];
  const problems = rows.map((row) => row.quick_check).filter((text) => text !== "ok");
  if (problems.length > 0) throw new DamagedIndexError(file, problems.join("; "));
}

/** WAL pages (4 KiB) after which a commit checkpoints: ~40 MB instead of SQLite's 1,000 pages. Under ingest
 * the default made the index thread checkpoint several times a second, and those commits (each checkpoint
 * writes back the pages and syncs twice) were 62% of its time; at 10,000 they were 3% (docs/benchmarks.md). */
const CHECKPOINT_PAGES = 10_000;

export interface OpenOptions {
  checkIntegrity?: boolean;
  /** false: this connection never runs WAL checkpoints itself (the server's main thread: the index thread's
   * connection, which does nearly all the writing, runs them inside its own commits). */
  checkpoints?: boolean;
}

export function openDb(file: string, options: OpenOptions = {}): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(file);
    sqlite.pragma("journal_mode = WAL");
    // NORMAL in WAL mode never corrupts; the archive, not the index, is the durable copy.
    sqlite.pragma("synchronous = NORMAL");
    sqlite.pragma("busy_timeout = 5000");
    sqlite.pragma("cache_size = -65536"); // 64 MiB page cache
    sqlite.pragma("temp_store = MEMORY");
    sqlite.pragma(`wal_autocheckpoint = ${options.checkpoints === false ? 0 : CHECKPOINT_PAGES}`);
    if (options.checkIntegrity) assertIntact(sqlite, file);
    assertNotNewer(sqlite, file);
    const db: Db = drizzle({ client: sqlite, schema });
    migrate(db, { migrationsFolder: MIGRATIONS_DIR });
    return db;
  } catch (error) {
    sqlite?.close();
    if (isCorruption(error)) throw new DamagedIndexError(file, (error as Error).message);
    throw error;
  }
}

/** For a connection that rebuilds the whole index (reindex): commits do not wait for the disk and the WAL is
 * checkpointed every ~64 MB instead of every 4 MB. A crash meanwhile means rebuilding again. */
export function setBulkWrites(db: Db): void {
  db.$client.pragma("synchronous = OFF");
  db.$client.pragma("wal_autocheckpoint = 16384");
}

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();
/** Distinct SQL texts cached per connection (the queries build lists with json_each, so the set is small). */
const MAX_CACHED_STATEMENTS = 512;

/**
 * The connection's prepared statement for `sql`, prepared once: preparing costs 20–50 µs, and the session
 * builder runs the same two dozen statements for every session it builds (~10% of a small session's build).
 * For `.run/.get/.all` only: a cached statement must not be switched to `.pluck()`/`.raw()` or re-entered
 * while `.iterate()` is reading it.
 */
export function statement(client: Database.Database, sql: string): Database.Statement {
  let cache = statements.get(client);
  if (!cache) statements.set(client, (cache = new Map<string, Database.Statement>()));
  let prepared = cache.get(sql);
  if (!prepared) {
    if (cache.size >= MAX_CACHED_STATEMENTS) cache.clear();
    prepared = client.prepare(sql);
    cache.set(sql, prepared);
  }
  return prepared;
}

export function indexPath(dataDir: string): string {
  return path.join(dataDir, "index.sqlite");
}

const globalForDb = globalThis as unknown as { __tracemarkDb?: { file: string; db: Db } };

/** The process-wide connection to the index under `dataDir`. */
export function getDb(dataDir: string, options: OpenOptions = {}): Db {
  const file = indexPath(dataDir);
  const current = globalForDb.__tracemarkDb;
  if (current && current.file === file) return current.db;
  const db = openDb(file, options);
  globalForDb.__tracemarkDb = { file, db };
  return db;
}

/** Moves a damaged index (and its WAL) aside as `index.sqlite.damaged-<time>`; returns the new name. */
export function setDamagedIndexAside(dataDir: string): string {
  const file = indexPath(dataDir);
  const aside = `${file}.damaged-${Date.now()}`;
  for (const suffix of ["", "-wal", "-shm"])
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, aside + suffix);
  return aside;
}

export function closeDb(): void {
  globalForDb.__tracemarkDb?.db.$client.close();
  globalForDb.__tracemarkDb = undefined;
}
