// The shapes of the indexer's PostgreSQL batch (./ingest-pg.ts): each record table's columns with their types
// for `json_to_recordset`, a record as its table's row, and the one statement that inserts a set of rows.
import type { Store } from "../store";
import type { Signal } from "../telemetry";
import type { RecordRow } from "./ingest";

export type Column = readonly [name: string, type: string];

const RECORD_COLUMNS: readonly Column[] = [
  ["request_id", "bigint"],
  ["resource_id", "bigint"],
  ["scope_id", "bigint"],
  ["name", "text"],
  ["time_ns", "text"],
  ["session_key", "text"],
  ["trace_id", "text"],
  ["attributes", "text"],
];
export const TABLES: Record<Signal, { table: string; columns: readonly Column[] }> = {
  logs: {
    table: "log_records",
    columns: [
      ...RECORD_COLUMNS,
      ["observed_time_ns", "text"],
      ["severity_number", "bigint"],
      ["severity_text", "text"],
      ["span_id", "text"],
      ["body", "text"],
    ],
  },
  traces: {
    table: "spans",
    columns: [
      ...RECORD_COLUMNS,
      ["span_id", "text"],
      ["parent_span_id", "text"],
      ["kind", "bigint"],
      ["end_time_ns", "text"],
      ["status_code", "bigint"],
      ["status_message", "text"],
      ["events", "text"],
    ],
  },
  metrics: { table: "metric_points", columns: [...RECORD_COLUMNS, ["value", "text"]] },
};

/** PostgreSQL's text cannot hold U+0000 (SQLite's can): it becomes U+FFFD on this engine only. JSON text
 * columns (attributes, bodies) hold it escaped and keep it. */
export const withoutNul = (_key: string, value: unknown): unknown =>
  typeof value === "string" && value.includes("\u0000") ? value.replaceAll("\u0000", "\ufffd") : value;

/** The rows as one JSON parameter. A replacer slows JSON.stringify several-fold, so it runs only when the text
 * has a `\u0000` escape (a NUL, or an escaped one inside JSON text, which the replacer leaves alone). */
export const recordset = (rows: readonly object[]): string => {
  const json = JSON.stringify(rows);
  return json.includes("\\u0000") ? JSON.stringify(rows, withoutNul) : json;
};

/** `INSERT INTO table (cols) SELECT cols FROM json_to_recordset(@rows)`: one statement for all rows. */
export async function insertRows(
  tx: Store,
  table: string,
  columns: readonly Column[],
  rows: readonly object[],
  tail = "",
): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.map(([name]) => name).join(", ");
  const types = columns.map(([name, type]) => `${name} ${type}`).join(", ");
  await tx.run(
    `INSERT INTO ${table} (${names}) SELECT ${names} FROM json_to_recordset(CAST(@rows AS json)) AS x(${types}) ${tail}`,
    { rows: recordset(rows) },
  );
}

/** Ids of rows unique by hash (resources, scopes), inserting those not there yet, in hash order. */
export interface FlatRecord {
  signal: Signal;
  requestId: number;
  receivedAt: number;
  row: RecordRow;
}

export const recordValues = (record: FlatRecord, resourceId: number, scopeId: number): object => {
  const { row } = record;
  const common = {
    request_id: record.requestId,
    resource_id: resourceId,
    scope_id: scopeId,
    name: row.name,
    time_ns: row.timeNs,
    session_key: row.sessionKey,
    trace_id: row.traceId,
    attributes: JSON.stringify(row.attrs),
  };
  if (record.signal === "logs")
    return {
      ...common,
      observed_time_ns: row.observedTimeNs ?? null,
      severity_number: row.severityNumber ?? null,
      severity_text: row.severityText ?? null,
      span_id: row.spanId ?? null,
      body: JSON.stringify(row.body ?? null),
    };
  if (record.signal === "traces")
    return {
      ...common,
      span_id: row.spanId ?? null,
      parent_span_id: row.parentSpanId ?? null,
      kind: row.spanKind ?? null,
      end_time_ns: row.endTimeNs ?? null,
      status_code: row.statusCode ?? null,
      status_message: row.statusMessage ?? null,
      events: JSON.stringify(row.events ?? []),
    };
  return { ...common, value: JSON.stringify(row.body ?? null) };
};

/** Records with their resources and scopes, trace sessions and resources' last data; the change they make. */
