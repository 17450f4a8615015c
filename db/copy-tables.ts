// Copies every table of a SQLite index into an empty PostgreSQL one (the same rows, ids included): used by
// `npm run migrate` to move a local store into team mode, and by tests that seed both engines alike. The
// PostgreSQL schema names the columns (generated ones, the tsvectors, are computed there, not copied); SQLite's
// FTS5 turn_search has the same text columns as Postgres' turn_search table, so it copies like the others.
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import type Database from "better-sqlite3";
import * as pgSchema from "./schema-pg";
import type { Store } from "./store";

/** Statement parameters per INSERT (Postgres allows 65,535) and the text per batch, so a batch of large
 * records (bodies of a few MB) stays a few MB in memory. */
const MAX_PARAMS = 30_000;
const MAX_BATCH_CHARS = 8_000_000;

interface TableCopy {
  name: string;
  columns: string[];
  /** The identity column, whose sequence must continue after the copied ids. */
  identity: string | null;
}

function tablesToCopy(): TableCopy[] {
  return (Object.values(pgSchema) as unknown[])
    .filter((value): value is PgTable => value instanceof PgTable)
    .map((table) => {
      const config = getTableConfig(table);
      const copied = config.columns.filter((column) => !column.generated);
      const identity = config.columns.find((column) => column.generatedIdentity !== undefined);
      return {
        name: config.name,
        columns: copied.map((column) => column.name),
        identity: identity?.name ?? null,
      };
    });
}

const charsOf = (row: readonly unknown[]): number =>
  row.reduce<number>((sum, value) => sum + (typeof value === "string" ? value.length : 8), 0);

async function insertBatch(target: Store, table: TableCopy, rows: unknown[][]): Promise<void> {
  const one = `(${table.columns.map(() => "?").join(", ")})`;
  await target.run(
    `INSERT INTO ${table.name} (${table.columns.join(", ")}) VALUES ${rows.map(() => one).join(", ")}`,
    rows.flat(),
  );
}

async function copyTable(source: Database.Database, target: Store, table: TableCopy): Promise<number> {
  const select = source.prepare(`SELECT ${table.columns.join(", ")} FROM ${table.name}`).raw(true);
  const rowsPerBatch = Math.max(1, Math.floor(MAX_PARAMS / table.columns.length));
  let batch: unknown[][] = [];
  let chars = 0;
  let copied = 0;
  for (const row of select.iterate() as IterableIterator<unknown[]>) {
    batch.push(row);
    chars += charsOf(row);
    if (batch.length >= rowsPerBatch || chars >= MAX_BATCH_CHARS) {
      await insertBatch(target, table, batch);
      copied += batch.length;
      batch = [];
      chars = 0;
    }
  }
  if (batch.length > 0) await insertBatch(target, table, batch);
  copied += batch.length;
  if (table.identity)
    await target.run(
      `SELECT setval(pg_get_serial_sequence('${table.name}', '${table.identity}'),
         greatest((SELECT max(${table.identity}) FROM ${table.name}), 0) + 1, false)`,
    );
  return copied;
}

/** The first table of the PostgreSQL schema holding rows, with its count; null when every table is empty. */
export async function findNonEmptyTable(target: Store): Promise<{ table: string; rows: number } | null> {
  for (const table of tablesToCopy()) {
    const existing = await target.get<{ n: number }>(`SELECT count(*) AS n FROM ${table.name}`);
    if (existing && existing.n > 0) return { table: table.name, rows: existing.n };
  }
  return null;
}

/**
 * Copies `source` into `tx`, an open transaction of a PostgreSQL store whose tables are empty (what
 * `npm run migrate` does, adding its own writes to the same transaction). Returns the rows copied per table.
 */
export async function copySqliteTables(source: Database.Database, tx: Store): Promise<Map<string, number>> {
  if (tx.dialect !== "postgres") throw new Error("copySqliteIndex copies into PostgreSQL");
  const full = await findNonEmptyTable(tx);
  if (full) throw new Error(`the PostgreSQL index is not empty (${full.table} has ${full.rows} rows)`);
  const counts = new Map<string, number>();
  for (const table of tablesToCopy()) counts.set(table.name, await copyTable(source, tx, table));
  return counts;
}

/**
 * Copies `source` (a SQLite index at the current migration) into `target`, a PostgreSQL store whose tables are
 * empty, in one transaction: a failure leaves the target as it was. Returns the rows copied per table.
 */
export async function copySqliteIndex(
  source: Database.Database,
  target: Store,
): Promise<Map<string, number>> {
  if (target.dialect !== "postgres") throw new Error("copySqliteIndex copies into PostgreSQL");
  return target.transaction((tx) => copySqliteTables(source, tx));
}
