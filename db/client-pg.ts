// Opens the PostgreSQL index (TRACEMARK_DATABASE_URL): a node-postgres pool, the committed migrations of
// db/migrations-pg applied at start, and errors that say what is wrong with the URL or the server.
import fs from "node:fs";
import path from "node:path";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import * as schema from "./schema-pg";

export type PgDb = NodePgDatabase<typeof schema> & { $client: pg.Pool };

const MIGRATIONS_PG_DIR = path.join(process.cwd(), "db", "migrations-pg");

/** int8 (bigint columns, count(*)) and numeric (sum() of bigints) as JS numbers, as better-sqlite3 returns
 * SQLite's integers: every value the index holds fits in 2^53 (epoch ms, counts, token sums). */
const NUMBERS: readonly number[] = [pg.types.builtins.INT8, pg.types.builtins.NUMERIC];
const TYPES = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    NUMBERS.includes(oid)
      ? (value: string) => Number(value)
      : (pg.types.getTypeParser(oid, format) as unknown)) as typeof pg.types.getTypeParser,
};

/** The URL without its password, for messages. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(not a URL)";
  }
}

/** A message naming what failed: the URL's form, the server's address, the login or the database. */
export function explainPgError(url: string, error: unknown): Error {
  const code = (error as { code?: string }).code ?? "";
  const where = describeUrl(url);
  const detail = (error as Error).message;
  if (!/^postgres(ql)?:\/\//.test(url))
    return new Error(`TRACEMARK_DATABASE_URL must be a postgres:// URL, got ${where}.`);
  if (["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EHOSTUNREACH"].includes(code))
    return new Error(
      `Cannot reach PostgreSQL at ${where} (${code}): is the server running and the address right?`,
    );
  if (code === "28P01" || code === "28000")
    return new Error(
      `PostgreSQL at ${where} refused the login: ${detail}. Check the user and password in the URL.`,
    );
  if (code === "3D000") return new Error(`PostgreSQL at ${where}: ${detail}. Create it first (createdb).`);
  return new Error(`PostgreSQL at ${where}: ${detail}`);
}

/** Network errors, and SQLSTATEs of a lost or refused connection: class 08 (connection exception), 57P01–03
 * (the server shutting down, or starting), 53300 (too many connections). */
const UNREACHABLE_CODES = [
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "EPIPE",
];
const UNAVAILABLE_STATES = /^(08...|57P0[123]|53300)$/;
/** What node-postgres throws without a code when a connection ends under a query or cannot be had in time. */
const UNAVAILABLE_MESSAGES = /Connection terminated|not queryable|timeout exceeded when trying to connect/i;

/** When `error` says PostgreSQL cannot be used right now (down, restarting, unreachable, out of connections),
 * the sentence to answer with (503: try again); null for any other error. */
export function pgUnavailable(error: unknown): string | null {
  const { code = "", message = "" } = (error ?? {}) as { code?: string; message?: string };
  if (UNREACHABLE_CODES.includes(code) || UNAVAILABLE_STATES.test(code) || UNAVAILABLE_MESSAGES.test(message))
    return `the database is unavailable (${code || message}); retry shortly`;
  return null;
}

interface Journal {
  entries: { tag: string }[];
}

/** Refuses a database migrated by a newer tracemark, as db/client.ts does for SQLite. */
async function assertNotNewer(pool: pg.Pool, url: string): Promise<void> {
  const exists = await pool.query("SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS found");
  if (!(exists.rows[0] as { found: boolean }).found) return;
  const applied = (await pool.query("SELECT count(*) AS n FROM drizzle.__drizzle_migrations")).rows[0] as {
    n: number;
  };
  const journal = JSON.parse(
    fs.readFileSync(path.join(MIGRATIONS_PG_DIR, "meta", "_journal.json"), "utf8"),
  ) as Journal;
  if (applied.n > journal.entries.length)
    throw new Error(
      `The index at ${describeUrl(url)} was written by a newer tracemark (${applied.n} migrations, this version ` +
        `knows ${journal.entries.length}). Upgrade tracemark.`,
    );
}

/** Any number for pg_advisory_lock, the same in every tracemark: replicas starting together migrate one at a time. */
const MIGRATION_LOCK = 74_172_017;

async function migrateLocked(db: PgDb, pool: pg.Pool): Promise<void> {
  const lock = await pool.connect();
  try {
    await lock.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await migrate(db, { migrationsFolder: MIGRATIONS_PG_DIR });
  } finally {
    await lock.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => undefined);
    lock.release();
  }
}

/** Connects (failing fast with explainPgError), applies the migrations and returns the drizzle handle. */
export async function openPgDb(url: string, options: { max?: number } = {}): Promise<PgDb> {
  let pool: pg.Pool;
  try {
    pool = new pg.Pool({
      connectionString: url,
      max: options.max ?? 10,
      types: TYPES,
      connectionTimeoutMillis: 10_000,
    });
  } catch (error) {
    throw explainPgError(url, error);
  }
  pool.on("error", () => undefined); // an idle client's lost connection: the next query reconnects or fails
  try {
    await pool.query("SELECT 1");
    await assertNotNewer(pool, url);
    const db: PgDb = drizzle({ client: pool, schema });
    await migrateLocked(db, pool);
    return db;
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw (error as Error).message.includes("newer tracemark") ? error : explainPgError(url, error);
  }
}
