// How many rows the index holds per table (GET /api/stats, reindex's summary).
import type { Store } from "../store";

export interface IndexTotals {
  requests: number;
  log_records: number;
  spans: number;
  metric_points: number;
  sessions: number;
  turns: number;
}

const TABLES = ["requests", "log_records", "spans", "metric_points", "sessions", "turns"] as const;

/** One statement, so the counts are of one moment on either engine. */
export async function getIndexTotals({ store }: { store: Store }): Promise<IndexTotals> {
  const row = await store.get<IndexTotals>(
    `SELECT ${TABLES.map((table) => `(SELECT count(*) FROM ${table}) AS ${table}`).join(", ")}`,
  );
  return row!;
}
