// The hot ingest path's statements on SQLite: raw prepared statements (drizzle's builder is 2–4× slower here,
// STACK.md), run in one transaction per batch of archived requests by ingest/index-writer-sqlite.ts (PostgreSQL's
// batch: ./ingest-pg.ts). Segment progress and the derived tables' reset are on the Store, for both engines.
import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import type { Statement } from "better-sqlite3";
import type { Store } from "../store";
import type { Attrs, Signal } from "../telemetry";

export interface IndexedRequest {
  signal: Signal;
  receivedAt: number;
  transport: string;
  encoding: string;
  userAgent: string | null;
  segment: string;
  line: number;
  bytes: number;
  bodyHash: string;
}

/** What the index needs of one record (ingest/flatten.ts produces it). */
export interface RecordRow {
  resource: Attrs;
  scopeName: string | null;
  scopeVersion: string | null;
  name: string;
  timeNs: string;
  sessionKey: string | null;
  traceId: string | null;
  attrs: Attrs;
  // signal-specific
  observedTimeNs?: string | null;
  severityNumber?: number | null;
  severityText?: string | null;
  spanId?: string | null;
  parentSpanId?: string | null;
  spanKind?: number | null;
  endTimeNs?: string | null;
  statusCode?: number | null;
  statusMessage?: string | null;
  events?: unknown;
  body?: unknown;
}

/** What a batch touched, for the session builder. */
export interface IndexedChange {
  sessionKeys: Set<string>;
  /** Trace ids of records that carried no session key (their session is found through trace_sessions). */
  unkeyedTraceIds: Set<string>;
  records: number;
}

/** An archive line that holds no request to index (unreadable), counted as indexed so progress passes it. */
export interface SkippedLine {
  segment: string;
  signal: Signal;
  line: number;
}

const sha1 = (text: string): string => createHash("sha1").update(text).digest("hex");

/** The identity of a resource and of a scope: the same on both engines, so either can take the other's rows. */
export const resourceHash = (attributesJson: string): string => sha1(attributesJson);
export const scopeHash = (name: string | null, version: string | null): string =>
  sha1(`${name ?? ""}\u0000${version ?? ""}`);

export class IngestStatements {
  private readonly stmt: Record<string, Statement>;
  private readonly resourceIds = new Map<string, number>();
  /** Records of one resource group share one attrs object: look it up by identity before serializing. */
  private readonly resourceByObject = new WeakMap<Attrs, number>();
  private readonly scopeIds = new Map<string, number>();

  constructor(c: Database.Database) {
    this.stmt = {
      hasRequest: c.prepare("SELECT 1 FROM requests WHERE signal = ? AND body_hash = ?"),
      insertRequest: c.prepare(
        `INSERT INTO requests (signal, received_at, transport, encoding, user_agent, segment, line, body_hash, records, bytes)
         VALUES (@signal, @receivedAt, @transport, @encoding, @userAgent, @segment, @line, @bodyHash, @records, @bytes)`,
      ),
      upsertSegment: c.prepare(
        `INSERT INTO segments (name, signal, lines_indexed) VALUES (?, ?, ?)
         ON CONFLICT(name) DO UPDATE SET lines_indexed = max(lines_indexed, excluded.lines_indexed)`,
      ),
      resource: c.prepare(
        `INSERT INTO resources (hash, service_name, service_version, attributes) VALUES (?, ?, ?, ?)
         ON CONFLICT(hash) DO UPDATE SET hash = hash RETURNING id`,
      ),
      scope: c.prepare(
        `INSERT INTO scopes (hash, name, version) VALUES (?, ?, ?)
         ON CONFLICT(hash) DO UPDATE SET hash = hash RETURNING id`,
      ),
      log: c.prepare(
        `INSERT INTO log_records (request_id, resource_id, scope_id, name, time_ns, session_key, trace_id, attributes,
           observed_time_ns, severity_number, severity_text, span_id, body) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
      ),
      span: c.prepare(
        `INSERT INTO spans (request_id, resource_id, scope_id, name, time_ns, session_key, trace_id, attributes,
           span_id, parent_span_id, kind, end_time_ns, status_code, status_message, events)
         VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
      ),
      point: c.prepare(
        `INSERT INTO metric_points (request_id, resource_id, scope_id, name, time_ns, session_key, trace_id, attributes, value)
         VALUES (?,?,?,?,?,?,?,?,?)`,
      ),
      traceSession: c.prepare("INSERT OR IGNORE INTO trace_sessions (trace_id, session_key) VALUES (?, ?)"),
      touchResource: c.prepare(
        "UPDATE resources SET last_seen_at = max(coalesce(last_seen_at, 0), ?) WHERE id = ?",
      ),
      // The durable rebuild intent (db/queries/rebuild-queue.ts): written with the records, in their transaction.
      markSession: c.prepare(
        `INSERT INTO dirty_sessions (session_key, marked_at) VALUES (?, ?)
         ON CONFLICT(session_key) DO UPDATE SET marked_at = excluded.marked_at`,
      ),
      markTrace: c.prepare(
        `INSERT INTO dirty_traces (trace_id, marked_at) VALUES (?, ?)
         ON CONFLICT(trace_id) DO UPDATE SET marked_at = excluded.marked_at`,
      ),
    };
  }

  static hashBody(requestJson: string): string {
    return sha1(requestJson);
  }

  isDuplicate(signal: Signal, bodyHash: string): boolean {
    return this.stmt.hasRequest!.get(signal, bodyHash) !== undefined;
  }

  markIndexed(segment: string, signal: Signal, line: number): void {
    this.stmt.upsertSegment!.run(segment, signal, line + 1);
  }

  insertRequest(request: IndexedRequest, records: number): number {
    return Number(this.stmt.insertRequest!.run({ ...request, records }).lastInsertRowid);
  }

  private resourceId(resource: Attrs): number {
    const known = this.resourceByObject.get(resource);
    if (known !== undefined) return known;
    const json = JSON.stringify(resource);
    let id = this.resourceIds.get(json);
    if (id === undefined) {
      const name = resource["service.name"];
      const version = resource["service.version"];
      const row = this.stmt.resource!.get(
        resourceHash(json),
        typeof name === "string" ? name : null,
        typeof version === "string" ? version : null,
        json,
      ) as { id: number };
      id = row.id;
      if (this.resourceIds.size > 10_000) this.resourceIds.clear();
      this.resourceIds.set(json, id);
    }
    this.resourceByObject.set(resource, id);
    return id;
  }

  private scopeId(name: string | null, version: string | null): number {
    const key = `${name ?? ""}\u0000${version ?? ""}`;
    let id = this.scopeIds.get(key);
    if (id === undefined) {
      id = (this.stmt.scope!.get(scopeHash(name, version), name, version) as { id: number }).id;
      if (this.scopeIds.size > 10_000) this.scopeIds.clear();
      this.scopeIds.set(key, id);
    }
    return id;
  }

  /** Records that these sessions and keyless traces must be (re)built; call inside the batch's transaction. */
  markForRebuild(sessionKeys: Iterable<string>, traceIds: Iterable<string>, at: number): void {
    for (const key of sessionKeys) this.stmt.markSession!.run(key, at);
    for (const traceId of traceIds) this.stmt.markTrace!.run(traceId, at);
  }

  /** Records when a resource last sent data (the Connect page's "last data … ago"). */
  touchResource(resourceId: number, at: number): void {
    this.stmt.touchResource!.run(at, resourceId);
  }

  /** Inserts one record; returns its resource id (the caller collects session keys and trace ids). */
  insertRecord(signal: Signal, requestId: number, row: RecordRow): number {
    const resourceId = this.resourceId(row.resource);
    const common = [
      requestId,
      resourceId,
      this.scopeId(row.scopeName, row.scopeVersion),
      row.name,
      row.timeNs,
      row.sessionKey,
      row.traceId,
      JSON.stringify(row.attrs),
    ];
    if (signal === "logs") {
      this.stmt.log!.run(
        ...common,
        row.observedTimeNs ?? null,
        row.severityNumber ?? null,
        row.severityText ?? null,
        row.spanId ?? null,
        JSON.stringify(row.body ?? null),
      );
    } else if (signal === "traces") {
      this.stmt.span!.run(
        ...common,
        row.spanId ?? null,
        row.parentSpanId ?? null,
        row.spanKind ?? null,
        row.endTimeNs ?? null,
        row.statusCode ?? null,
        row.statusMessage ?? null,
        JSON.stringify(row.events ?? []),
      );
    } else {
      this.stmt.point!.run(...common, JSON.stringify(row.body ?? null));
    }
    if (row.sessionKey && row.traceId) this.stmt.traceSession!.run(row.traceId, row.sessionKey);
    return resourceId;
  }
}

/** Indexed line counts per archive segment, for catch-up after a crash or a reindex. */
export async function listSegmentProgress({ store }: { store: Store }): Promise<Map<string, number>> {
  const rows = await store.all<{ name: string; lines: number }>(
    "SELECT name, lines_indexed AS lines FROM segments",
  );
  return new Map(rows.map((row) => [row.name, row.lines]));
}

/** Lowers a segment's progress to the lines it still has (the file was cut). */
export async function saveSegmentProgress(options: {
  store: Store;
  segment: string;
  signal: Signal;
  lines: number;
}): Promise<void> {
  await options.store.run(
    "UPDATE segments SET lines_indexed = @lines WHERE name = @segment AND signal = @signal",
    { lines: options.lines, segment: options.segment, signal: options.signal },
  );
}

/** Every derived table (all but labels and the tables of journals' progress): what a reindex empties. */
export const DERIVED_TABLES = [
  "requests",
  "segments",
  "resources",
  "scopes",
  "log_records",
  "spans",
  "metric_points",
  "trace_sessions",
  "dirty_sessions",
  "dirty_traces",
  "dirty_session_traces",
  "session_builds",
  "sessions",
  "turns",
  "excluded_sessions",
  "turn_search",
  "tool_calls",
  "api_calls",
  "turn_usage",
  "turn_signals",
];

/** Empties every derived table (all but labels) so the archive can be indexed again from scratch. Postgres
 * restarts the ids, as SQLite's rowids restart in an emptied table. */
export async function deleteDerivedIndex({ store }: { store: Store }): Promise<void> {
  if (store.dialect === "postgres") {
    await store.run(`TRUNCATE ${DERIVED_TABLES.join(", ")} RESTART IDENTITY`);
    return;
  }
  await store.transaction(async (tx) => {
    for (const table of DERIVED_TABLES) await tx.run(`DELETE FROM ${table}`);
  });
}
