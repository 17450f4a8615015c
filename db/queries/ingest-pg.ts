// The indexer's batch on PostgreSQL: the same rows as the SQLite statements (./ingest.ts) write, but one
// `INSERT … SELECT … FROM json_to_recordset(…)` per table per batch, so a batch costs a round trip per table,
// not per row. Replicas sharing the database index the same lines at times (two sweeps, a retried batch): the
// batch runs under one advisory lock, requests are unique by signal and body hash (ON CONFLICT DO NOTHING), and
// only the requests inserted bring records, so a line indexed twice adds nothing.
import type { Store } from "../store";
import type { Signal } from "../telemetry";
import {
  insertRows,
  recordset,
  recordValues,
  TABLES,
  withoutNul,
  type Column,
  type FlatRecord,
} from "./ingest-pg-rows";
import {
  resourceHash,
  scopeHash,
  type IndexedChange,
  type IndexedRequest,
  type RecordRow,
  type SkippedLine,
} from "./ingest";

/** Taken first in every batch's transaction: replicas' batches run one at a time, so their upserts of the
 * shared rows (resources, marks, progress) never deadlock. The number is tracemark's own (migrations use another). */
export const INDEX_LOCK = 74_172_018;

export interface BatchRequest {
  request: IndexedRequest;
  /** Its records, with their session keys; read only when the request is new to the index. */
  rows: () => RecordRow[];
}

async function idsByHash(
  tx: Store,
  table: string,
  columns: readonly Column[],
  rows: Map<string, object>,
): Promise<Map<string, number>> {
  if (rows.size === 0) return new Map();
  const sorted = [...rows.keys()].sort();
  await insertRows(
    tx,
    table,
    columns,
    sorted.map((hash) => ({ hash, ...rows.get(hash) })),
    "ORDER BY hash ON CONFLICT (hash) DO NOTHING",
  );
  const found = await tx.all<{ id: number; hash: string }>(
    `SELECT id, hash FROM ${table} WHERE hash IN (SELECT json_array_elements_text(CAST(@hashes AS json)))`,
    { hashes: JSON.stringify(sorted) },
  );
  return new Map(found.map((row) => [row.hash, row.id]));
}

/** Inserts the requests new to the index; their ids by `signal:bodyHash`. A hash twice in the batch: the first
 * line is the request (as SQLite's per-line duplicate check decides). */
async function insertNewRequests(
  tx: Store,
  batch: readonly { request: IndexedRequest; records: number }[],
): Promise<Map<string, number>> {
  const rows = batch.map(({ request, records }) => ({
    signal: request.signal,
    received_at: request.receivedAt,
    transport: request.transport,
    encoding: request.encoding,
    user_agent: request.userAgent,
    segment: request.segment,
    line: request.line,
    body_hash: request.bodyHash,
    records,
    bytes: request.bytes,
  }));
  if (rows.length === 0) return new Map();
  const inserted = await tx.all<{ id: number; signal: string; bodyHash: string }>(
    `INSERT INTO requests (signal, received_at, transport, encoding, user_agent, segment, line, body_hash, records, bytes)
     SELECT * FROM json_to_recordset(CAST(@rows AS json)) AS x(signal text, received_at bigint, transport text,
       encoding text, user_agent text, segment text, line bigint, body_hash text, records bigint, bytes bigint)
     ON CONFLICT (signal, body_hash) DO NOTHING
     RETURNING id, signal, body_hash AS bodyHash`,
    { rows: recordset(rows) },
  );
  return new Map(inserted.map((row) => [`${row.signal}:${row.bodyHash}`, row.id]));
}

async function insertRecords(tx: Store, records: readonly FlatRecord[]): Promise<IndexedChange> {
  const change: IndexedChange = {
    sessionKeys: new Set(),
    unkeyedTraceIds: new Set(),
    records: records.length,
  };
  const resources = new Map<string, object>();
  const scopes = new Map<string, object>();
  const resourceOf = new Map<FlatRecord, string>();
  for (const record of records) {
    const { row } = record;
    const json = JSON.stringify(row.resource);
    const hash = resourceHash(json);
    resourceOf.set(record, hash);
    if (!resources.has(hash)) {
      const name = row.resource["service.name"];
      const version = row.resource["service.version"];
      resources.set(hash, {
        service_name: typeof name === "string" ? name : null,
        service_version: typeof version === "string" ? version : null,
        attributes: json,
      });
    }
    scopes.set(scopeHash(row.scopeName, row.scopeVersion), {
      name: row.scopeName,
      version: row.scopeVersion,
    });
    if (row.sessionKey) change.sessionKeys.add(row.sessionKey);
    else if (row.traceId) change.unkeyedTraceIds.add(row.traceId);
  }
  const hashColumns: Column[] = [["hash", "text"]];
  const resourceIds = await idsByHash(
    tx,
    "resources",
    [...hashColumns, ["service_name", "text"], ["service_version", "text"], ["attributes", "text"]],
    resources,
  );
  const scopeIds = await idsByHash(
    tx,
    "scopes",
    [...hashColumns, ["name", "text"], ["version", "text"]],
    scopes,
  );
  const bySignal = new Map<Signal, object[]>();
  const lastSeen = new Map<number, number>();
  const traceSessions = new Map<string, { trace_id: string; session_key: string }>();
  for (const record of records) {
    const { row } = record;
    const resourceId = resourceIds.get(resourceOf.get(record)!)!;
    const scopeId = scopeIds.get(scopeHash(row.scopeName, row.scopeVersion))!;
    bySignal.set(record.signal, [
      ...(bySignal.get(record.signal) ?? []),
      recordValues(record, resourceId, scopeId),
    ]);
    lastSeen.set(resourceId, Math.max(lastSeen.get(resourceId) ?? 0, record.receivedAt));
    if (row.sessionKey && row.traceId)
      traceSessions.set(`${row.traceId}\u0000${row.sessionKey}`, {
        trace_id: row.traceId,
        session_key: row.sessionKey,
      });
  }
  for (const [signal, rows] of bySignal)
    await insertRows(tx, TABLES[signal].table, TABLES[signal].columns, rows);
  const pairs = [...traceSessions.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, pair]) => pair);
  await insertRows(
    tx,
    "trace_sessions",
    [
      ["trace_id", "text"],
      ["session_key", "text"],
    ],
    pairs,
    "ON CONFLICT DO NOTHING",
  );
  if (lastSeen.size > 0)
    await tx.run(
      `UPDATE resources r SET last_seen_at = greatest(coalesce(r.last_seen_at, 0), x.at)
       FROM json_to_recordset(CAST(@rows AS json)) AS x(id bigint, at bigint) WHERE r.id = x.id`,
      { rows: JSON.stringify([...lastSeen].sort(([a], [b]) => a - b).map(([id, at]) => ({ id, at }))) },
    );
  return change;
}

/** The durable rebuild intent (db/queries/rebuild-queue.ts), in the records' transaction; keys in sorted order. */
async function markForRebuild(tx: Store, change: IndexedChange, at: number): Promise<void> {
  const marks = [
    { table: "dirty_sessions", key: "session_key", values: change.sessionKeys },
    { table: "dirty_traces", key: "trace_id", values: change.unkeyedTraceIds },
  ];
  for (const { table, key, values } of marks) {
    if (values.size === 0) continue;
    await tx.run(
      `INSERT INTO ${table} (${key}, marked_at)
       SELECT value, @at FROM json_array_elements_text(CAST(@keys AS json)) AS k(value) ORDER BY value
       ON CONFLICT (${key}) DO UPDATE SET marked_at = excluded.marked_at`,
      { at, keys: JSON.stringify([...values].sort(), withoutNul) },
    );
  }
}

/** Every line of the batch counted as indexed in its segment's progress (never lowered here). */
async function advanceProgress(tx: Store, lines: readonly SkippedLine[]): Promise<void> {
  const progress = new Map<string, { name: string; signal: Signal; lines_indexed: number }>();
  for (const { segment, signal, line } of lines) {
    const known = progress.get(segment);
    if (!known || known.lines_indexed < line + 1)
      progress.set(segment, { name: segment, signal, lines_indexed: line + 1 });
  }
  const rows = [...progress.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  await insertRows(
    tx,
    "segments",
    [
      ["name", "text"],
      ["signal", "text"],
      ["lines_indexed", "bigint"],
    ],
    rows,
    "ON CONFLICT (name) DO UPDATE SET lines_indexed = greatest(segments.lines_indexed, excluded.lines_indexed)",
  );
}

/**
 * Indexes a batch of archived requests in one transaction: the requests not in the index yet with their
 * records, the rebuild marks, and every line's segment progress (`skipped` lines too). Returns what it touched.
 */
export async function saveIndexBatch(options: {
  store: Store;
  batch: readonly BatchRequest[];
  skipped?: readonly SkippedLine[];
  at: number;
}): Promise<IndexedChange> {
  const firsts = new Map<string, BatchRequest>();
  for (const item of options.batch) {
    const key = `${item.request.signal}:${item.request.bodyHash}`;
    if (!firsts.has(key)) firsts.set(key, item);
  }
  const flattened = [...firsts.values()].map((item) => ({ ...item, flat: item.rows() }));
  return options.store.transaction(async (tx) => {
    await tx.run("SELECT pg_advisory_xact_lock(@lock)", { lock: INDEX_LOCK });
    const ids = await insertNewRequests(
      tx,
      flattened.map(({ request, flat }) => ({ request, records: flat.length })),
    );
    const records: FlatRecord[] = [];
    for (const { request, flat } of flattened) {
      const requestId = ids.get(`${request.signal}:${request.bodyHash}`);
      if (requestId === undefined) continue; // indexed before: by another replica, or an exporter's retry
      for (const row of flat)
        records.push({ signal: request.signal, requestId, receivedAt: request.receivedAt, row });
    }
    const change = await insertRecords(tx, records);
    await markForRebuild(tx, change, options.at);
    await advanceProgress(tx, [
      ...options.batch.map(({ request }) => ({
        segment: request.segment,
        signal: request.signal,
        line: request.line,
      })),
      ...(options.skipped ?? []),
    ]);
    return change;
  });
}
