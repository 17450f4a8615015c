// Reading indexed records back as TelemetryRecords: a session's records for the session builder, a turn's
// raw records for the UI. The membership rule is lib/adapters/membership.ts; this is its SQL half.
import { fragmentsOf } from "../dialect";
import type { Dialect, Store } from "../store";
import type { Attrs, AttrValue, Signal, SpanEvent, TelemetryRecord } from "../telemetry";

export const TABLES: Record<Signal, string> = {
  logs: "log_records",
  traces: "spans",
  metrics: "metric_points",
};

/** A column kept out of index choice: SQLite's unary `+` is its planner's hint; Postgres has no such
 * operator on text (and its planner weighs `IS NULL` by statistics, so it needs no hint). */
export const unindexed = (dialect: Dialect, column: string): string =>
  dialect === "sqlite" ? `+${column}` : column;

/** The integers of a JSON array parameter, as a one-column subquery (Postgres' JSON values are text, which
 * a bigint column does not compare with). */
export const jsonIntegers = (dialect: Dialect, param: string): string =>
  dialect === "sqlite"
    ? fragmentsOf(dialect).jsonValues(param)
    : `SELECT CAST(value AS bigint) FROM json_array_elements_text(CAST(${param} AS json)) AS v(value)`;

/** Keyless, its trace claimed by no keyed record, and the trace is the session asked for: the record belongs
 * to it only if its client's sessions have no id (the caller's `traceIsSession`). The unary `+` keeps the
 * planner off the session-key index for `IS NULL` (every keyless record of the index) and on the trace index. */
export const byOwnTrace = (dialect: Dialect): string => `(${unindexed(dialect, "x.session_key")} IS NULL
  AND x.trace_id = @key AND NOT EXISTS (SELECT 1 FROM trace_sessions ts WHERE ts.trace_id = x.trace_id))`;

/** A record belongs to a session by its own key, or (keyless) through a trace a keyed record maps to it, or
 * byOwnTrace (lib/adapters/membership.ts sessionsOfRecord). Each branch is one index search. */
export const sessionMembership = (dialect: Dialect): string => `(x.session_key = @key
  OR (${unindexed(dialect, "x.session_key")} IS NULL
    AND x.trace_id IN (SELECT trace_id FROM trace_sessions WHERE session_key = @key))
  OR ${byOwnTrace(dialect)})`;

export interface RawRow {
  id: number;
  name: string;
  time_ns: string;
  trace_id: string | null;
  attributes: string;
  resource: string;
  scope_name: string | null;
  observed_time_ns?: string | null;
  span_id?: string | null;
  body?: string | null;
  parent_span_id?: string | null;
  kind?: number | null;
  end_time_ns?: string | null;
  status_code?: number | null;
  status_message?: string | null;
  events?: string;
  value?: string;
  by_own_trace?: number;
  session_key?: string | null;
  turn_key?: string | null;
}

export function selectColumns(signal: Signal): string {
  const specific: Record<Signal, string> = {
    logs: "x.observed_time_ns, x.span_id, x.body",
    traces: "x.span_id, x.parent_span_id, x.kind, x.end_time_ns, x.status_code, x.status_message, x.events",
    metrics: "x.value",
  };
  return `x.id, x.name, x.time_ns, x.trace_id, x.attributes, r.attributes AS resource, sc.name AS scope_name,
    ${specific[signal]}
    FROM ${TABLES[signal]} x JOIN resources r ON r.id = x.resource_id JOIN scopes sc ON sc.id = x.scope_id`;
}

/** Resources repeat on every record of a request: parse each distinct one once per read. */
export type ResourceCache = Map<string, Attrs>;

function parseResource(cache: ResourceCache, text: string): Attrs {
  let attrs = cache.get(text);
  if (!attrs) {
    attrs = JSON.parse(text) as Attrs;
    cache.set(text, attrs);
  }
  return attrs;
}

export function toRecord(signal: Signal, row: RawRow, resources: ResourceCache): TelemetryRecord {
  return {
    signal,
    id: row.id,
    resource: parseResource(resources, row.resource),
    scopeName: row.scope_name,
    name: row.name,
    timeNs: row.time_ns,
    observedTimeNs: row.observed_time_ns ?? null,
    endTimeNs: row.end_time_ns ?? null,
    traceId: row.trace_id,
    spanId: row.span_id ?? null,
    parentSpanId: row.parent_span_id ?? null,
    attrs: JSON.parse(row.attributes) as Attrs,
    body: JSON.parse(row.body ?? row.value ?? "null") as AttrValue,
    statusCode: row.status_code ?? null,
    statusMessage: row.status_message ?? null,
    spanKind: row.kind ?? null,
    events: row.events ? (JSON.parse(row.events) as SpanEvent[]) : [],
  };
}

export async function listRecordsBySession({
  store,
  sessionKey,
  traceIsSession,
}: {
  store: Store;
  sessionKey: string;
  traceIsSession: (resource: Attrs) => boolean;
}): Promise<TelemetryRecord[]> {
  const out: TelemetryRecord[] = [];
  const resources: ResourceCache = new Map();
  for (const signal of ["logs", "traces", "metrics"] as const) {
    const rows = await store.all<RawRow>(
      `SELECT ${byOwnTrace(store.dialect)} AS by_own_trace, ${selectColumns(signal)}
         WHERE ${sessionMembership(store.dialect)}`,
      { key: sessionKey },
    );
    for (const row of rows) {
      const record = toRecord(signal, row, resources);
      if (!row.by_own_trace || traceIsSession(record.resource)) out.push(record);
    }
  }
  return out;
}

export async function listRecordsByIds({
  store,
  signal,
  ids,
}: {
  store: Store;
  signal: Signal;
  ids: number[];
}): Promise<TelemetryRecord[]> {
  if (ids.length === 0) return [];
  const rows = await store.all<RawRow>(
    `SELECT ${selectColumns(signal)} WHERE x.id IN (${jsonIntegers(store.dialect, "@ids")}) ORDER BY x.id`,
    { ids: JSON.stringify(ids) },
  );
  const resources: ResourceCache = new Map();
  return rows.map((row) => toRecord(signal, row, resources));
}

/** Sessions that records of these traces belong to, learned from keyed records of the same trace. */
export async function listSessionKeysByTraceIds({
  store,
  traceIds,
}: {
  store: Store;
  traceIds: string[];
}): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (traceIds.length === 0) return map;
  const rows = await store.all<{ trace_id: string; session_key: string }>(
    `SELECT trace_id, session_key FROM trace_sessions
       WHERE trace_id IN (${fragmentsOf(store.dialect).jsonValues("@traceIds")})`,
    { traceIds: JSON.stringify(traceIds) },
  );
  for (const row of rows) map.set(row.trace_id, [...(map.get(row.trace_id) ?? []), row.session_key]);
  return map;
}

/** The resource of one keyless record per trace (to tell which client sent a trace nobody claims): its
 * first span's, the same row on both engines (SQLite's bare column in a GROUP BY would be any row's). */
export async function listTraceResources({
  store,
  traceIds,
}: {
  store: Store;
  traceIds: string[];
}): Promise<Map<string, Attrs>> {
  const map = new Map<string, Attrs>();
  if (traceIds.length === 0) return map;
  const rows = await store.all<{ trace_id: string; attributes: string }>(
    `SELECT s.trace_id, r.attributes FROM spans s JOIN resources r ON r.id = s.resource_id
       WHERE s.id IN (SELECT min(id) FROM spans
         WHERE trace_id IN (${fragmentsOf(store.dialect).jsonValues("@traceIds")}) GROUP BY trace_id)`,
    { traceIds: JSON.stringify(traceIds) },
  );
  for (const row of rows) map.set(row.trace_id, JSON.parse(row.attributes) as Attrs);
  return map;
}
