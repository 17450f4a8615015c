// Test support: what the indexer wrote, engine-neutral, for tests that compare two indexes row by row. Ids are
// each database's own, so references are replaced by what they stand for (a request's signal and body hash, a
// resource's or scope's hash) and rows are sorted by their content; times of rebuild marks are left out.
import { openDb } from "@/db/client";
import type { Store } from "@/db/store";
import { sqliteStoreOf } from "@/db/store-sqlite";
import type { ArchiveSource } from "@/ingest/archive/store";
import { catchUp } from "@/ingest/catch-up";
import { Indexer } from "@/ingest/indexer";
import { sessionKeyOf } from "@/lib/adapters";
import { SessionBuilder } from "@/lib/sessions/builder";

const RECORDS = `r.signal || ':' || r.body_hash AS request, res.hash AS resource, sc.hash AS scope`;
const JOINS = (table: string) =>
  `FROM ${table} t JOIN requests r ON r.id = t.request_id JOIN resources res ON res.id = t.resource_id
   JOIN scopes sc ON sc.id = t.scope_id`;
const RECORD_COLUMNS = "t.name, t.time_ns, t.session_key, t.trace_id, t.attributes, t.turn_key";

const QUERIES: Record<string, string> = {
  requests:
    "SELECT signal, received_at, transport, encoding, user_agent, segment, line, body_hash, records, bytes FROM requests",
  segments: "SELECT name, signal, lines_indexed FROM segments",
  resources: "SELECT hash, service_name, service_version, attributes, last_seen_at FROM resources",
  scopes: "SELECT hash, name, version FROM scopes",
  log_records: `SELECT ${RECORDS}, ${RECORD_COLUMNS}, t.observed_time_ns, t.severity_number, t.severity_text,
    t.span_id, t.body ${JOINS("log_records")}`,
  spans: `SELECT ${RECORDS}, ${RECORD_COLUMNS}, t.span_id, t.parent_span_id, t.kind, t.end_time_ns, t.status_code,
    t.status_message, t.events ${JOINS("spans")}`,
  metric_points: `SELECT ${RECORDS}, ${RECORD_COLUMNS}, t.value ${JOINS("metric_points")}`,
  trace_sessions: "SELECT trace_id, session_key FROM trace_sessions",
  dirty_sessions: "SELECT session_key FROM dirty_sessions",
  dirty_traces: "SELECT trace_id FROM dirty_traces",
};

/** Every indexed table's rows, as sorted JSON lines per table. */
export async function readIndexTables(store: Store): Promise<Record<string, string[]>> {
  const tables: Record<string, string[]> = {};
  for (const [table, sql] of Object.entries(QUERIES))
    tables[table] = (await store.all<Record<string, unknown>>(sql)).map((row) => JSON.stringify(row)).sort();
  return tables;
}

/** The tables of a fresh SQLite index at `file`, caught up from `source` and every session built, as the index
 * thread and `npm run reindex` leave an index: what another engine's index is compared with. */
export async function builtReferenceTables(
  file: string,
  source: ArchiveSource,
): Promise<Record<string, string[]>> {
  const reference = openDb(file);
  try {
    const store = sqliteStoreOf(reference);
    await catchUp(new Indexer(store, () => undefined, sessionKeyOf), source);
    const builder = new SessionBuilder(store, 0);
    builder.start();
    await builder.whenIdle();
    await builder.stop();
    return await readIndexTables(store);
  } finally {
    reference.$client.close();
  }
}
