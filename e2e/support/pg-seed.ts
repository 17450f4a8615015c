// Test support: a PostgreSQL index holding a SQLite index's records, marked for building as the indexer marks a
// batch and with nothing built yet, so what the SessionBuilder then stores there is its own work on PostgreSQL
// (compared with the same records built on SQLite). Records are added in id order, in as many batches as a test
// wants: an incremental build takes what is new by id, as it does behind the real indexer.
import type Database from "better-sqlite3";
import { copySqliteIndex } from "@/db/copy-tables";
import { DERIVED_TABLES } from "@/db/queries/ingest";
import { TABLES as RECORD_TABLES } from "@/db/queries/records";
import type { Store } from "@/db/store";
import type { Signal } from "@/db/telemetry";

export type RecordIds = Record<Signal, number>;

const SIGNALS = Object.keys(RECORD_TABLES) as Signal[];

/** What the records added later refer to: kept when the rest of the derived index is dropped. */
const KEPT = ["requests", "segments", "resources", "scopes"];
/** The records and all the indexer and the builder write from them. */
const WRITTEN = DERIVED_TABLES.filter((table) => !KEPT.includes(table));

/** Rows per INSERT (a record has ~15 columns: far below Postgres' 65,535 parameters). */
const ROWS_PER_INSERT = 500;

/** Empties every table of the PostgreSQL index (between captures sharing one database). */
export async function clearPgIndex(pg: Store): Promise<void> {
  const tables = await pg.all<{ name: string }>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT LIKE '\\_\\_%'",
  );
  await pg.run(`TRUNCATE ${tables.map((table) => table.name).join(", ")}`);
}

/** Copies the SQLite index into the empty PostgreSQL one, then drops its records and all built from them:
 * requests, segments, resources and scopes stay (the records added later refer to them). */
export async function seedPgWithoutRecords(sqlite: Database.Database, pg: Store): Promise<void> {
  await copySqliteIndex(sqlite, pg);
  await pg.run(`TRUNCATE ${WRITTEN.join(", ")}`);
}

export function highestRecordIds(sqlite: Database.Database): RecordIds {
  const highest = (signal: Signal): number =>
    (
      sqlite.prepare(`SELECT coalesce(max(id), 0) AS id FROM ${RECORD_TABLES[signal]}`).get() as {
        id: number;
      }
    ).id;
  return { logs: highest("logs"), traces: highest("traces"), metrics: highest("metrics") };
}

type Row = Record<string, unknown>;

async function insertRows(tx: Store, table: string, rows: Row[]): Promise<void> {
  for (let at = 0; at < rows.length; at += ROWS_PER_INSERT) {
    const batch = rows.slice(at, at + ROWS_PER_INSERT);
    const columns = Object.keys(batch[0]!);
    const one = `(${columns.map(() => "?").join(", ")})`;
    await tx.run(
      `INSERT INTO ${table} (${columns.join(", ")}) VALUES ${batch.map(() => one).join(", ")}`,
      batch.flatMap((row) => columns.map((column) => row[column])),
    );
  }
}

/**
 * Adds the SQLite index's records with ids in (after, upTo] per signal, as the indexer writes a batch in one
 * transaction: the records (no turn keys yet), the trace → session rows of the keyed ones, and the marks of
 * their sessions and of the keyless ones' traces, at `markedAt`. Returns the session keys marked.
 */
export async function addPgRecords(
  sqlite: Database.Database,
  pg: Store,
  { after, upTo, markedAt }: { after: RecordIds; upTo: RecordIds; markedAt: number },
): Promise<string[]> {
  const sessions = new Set<string>();
  const traces = new Set<string>();
  const traceSessions = new Map<string, Row>();
  await pg.transaction(async (tx) => {
    for (const signal of SIGNALS) {
      const rows = sqlite
        .prepare(`SELECT * FROM ${RECORD_TABLES[signal]} WHERE id > ? AND id <= ? ORDER BY id`)
        .all(after[signal], upTo[signal]) as Row[];
      if (rows.length === 0) continue;
      await insertRows(
        tx,
        RECORD_TABLES[signal],
        rows.map((row) => ({ ...row, turn_key: null })),
      );
      for (const { session_key: key, trace_id: trace } of rows as {
        session_key: string;
        trace_id: string;
      }[]) {
        if (key !== null) sessions.add(key);
        if (key !== null && trace !== null)
          traceSessions.set(`${trace}\u0000${key}`, { trace_id: trace, session_key: key });
        if (key === null && trace !== null) traces.add(trace);
      }
    }
    for (const row of traceSessions.values())
      await tx.run(
        "INSERT INTO trace_sessions (trace_id, session_key) VALUES (@trace_id, @session_key) ON CONFLICT DO NOTHING",
        row,
      );
    for (const key of sessions)
      await tx.run(
        `INSERT INTO dirty_sessions (session_key, marked_at) VALUES (@key, @markedAt)
         ON CONFLICT (session_key) DO UPDATE SET marked_at = excluded.marked_at`,
        { key, markedAt },
      );
    for (const traceId of traces)
      await tx.run(
        `INSERT INTO dirty_traces (trace_id, marked_at) VALUES (@traceId, @markedAt)
         ON CONFLICT (trace_id) DO UPDATE SET marked_at = excluded.marked_at`,
        { traceId, markedAt },
      );
  });
  return [...sessions];
}
