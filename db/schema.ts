// The index schema: one source for tables and row types. Everything here except `labels` is derived from
// the archive and can be rebuilt (`npm run reindex`); labels are user data and also journaled on disk.
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
// Relative, not "@/": drizzle-kit loads this file without the tsconfig path aliases.
import { LABEL_TARGET_TYPES, LABEL_VALUES } from "../lib/shared/labels";

/** One accepted OTLP export request and where it sits in the archive. */
export const requests = sqliteTable(
  "requests",
  {
    id: integer().primaryKey(),
    signal: text({ enum: ["logs", "traces", "metrics"] }).notNull(),
    receivedAt: integer("received_at").notNull(), // epoch ms
    transport: text().notNull(), // http | grpc
    encoding: text().notNull(), // protobuf | json
    userAgent: text("user_agent"),
    segment: text().notNull(), // archive segment path relative to <data>/archive
    line: integer().notNull(), // 0-based line within the segment
    bodyHash: text("body_hash").notNull(),
    records: integer().notNull(),
    bytes: integer().notNull(), // archive line length (uncompressed)
  },
  (t) => [uniqueIndex("requests_body_hash").on(t.signal, t.bodyHash)],
);
export type Request = typeof requests.$inferSelect;
export type NewRequest = typeof requests.$inferInsert;

/** How far each archive segment has been indexed (advanced in the same transaction as its rows). */
export const segments = sqliteTable("segments", {
  name: text().primaryKey(),
  signal: text().notNull(),
  linesIndexed: integer("lines_indexed").notNull(),
});
export type Segment = typeof segments.$inferSelect;

export const resources = sqliteTable("resources", {
  id: integer().primaryKey(),
  hash: text().notNull().unique(),
  serviceName: text("service_name"),
  serviceVersion: text("service_version"),
  attributes: text().notNull(), // JSON Attrs
  lastSeenAt: integer("last_seen_at"), // epoch ms of the newest request carrying this resource
});
export type Resource = typeof resources.$inferSelect;

export const scopes = sqliteTable("scopes", {
  id: integer().primaryKey(),
  hash: text().notNull().unique(),
  name: text(),
  version: text(),
});
export type Scope = typeof scopes.$inferSelect;

/** Columns every indexed record has; the signal-specific ones follow in each table. */
const recordColumns = () => ({
  id: integer().primaryKey(),
  requestId: integer("request_id").notNull(),
  resourceId: integer("resource_id").notNull(),
  scopeId: integer("scope_id").notNull(),
  name: text().notNull(),
  timeNs: text("time_ns").notNull(), // decimal unix nanoseconds (exceeds 2^53)
  sessionKey: text("session_key"),
  traceId: text("trace_id"),
  attributes: text().notNull(), // JSON Attrs
  // The record's turn key as its session's adapter reads it from the record alone (ClientAdapter.turnKeyOf),
  // written by the session builder (NULL until then, or when the record names no turn): lets an incremental
  // build read only the records of the turns it re-derives.
  turnKey: text("turn_key"),
});

export const logRecords = sqliteTable(
  "log_records",
  {
    ...recordColumns(),
    observedTimeNs: text("observed_time_ns"),
    severityNumber: integer("severity_number"),
    severityText: text("severity_text"),
    spanId: text("span_id"),
    body: text(), // JSON AttrValue
  },
  (t) => [
    index("log_records_session").on(t.sessionKey),
    index("log_records_trace").on(t.traceId),
    index("log_records_turn")
      .on(t.turnKey, t.sessionKey)
      .where(sql`turn_key IS NOT NULL`),
  ],
);
export type LogRecord = typeof logRecords.$inferSelect;

export const spans = sqliteTable(
  "spans",
  {
    ...recordColumns(),
    spanId: text("span_id"),
    parentSpanId: text("parent_span_id"),
    kind: integer(),
    endTimeNs: text("end_time_ns"),
    statusCode: integer("status_code"),
    statusMessage: text("status_message"),
    events: text().notNull(), // JSON SpanEvent[]
  },
  (t) => [
    index("spans_session").on(t.sessionKey),
    index("spans_trace").on(t.traceId),
    index("spans_turn")
      .on(t.turnKey, t.sessionKey)
      .where(sql`turn_key IS NOT NULL`),
  ],
);
export type Span = typeof spans.$inferSelect;

export const metricPoints = sqliteTable(
  "metric_points",
  {
    ...recordColumns(),
    value: text().notNull(), // JSON point summary {type, value | count, sum}
  },
  (t) => [
    index("metric_points_session").on(t.sessionKey),
    index("metric_points_name").on(t.name),
    // membership through a trace (db/queries/records.ts); few points carry one (exemplars), so partial
    index("metric_points_trace")
      .on(t.traceId)
      .where(sql`trace_id IS NOT NULL`),
    index("metric_points_turn")
      .on(t.turnKey, t.sessionKey)
      .where(sql`turn_key IS NOT NULL`),
  ],
);
export type MetricPoint = typeof metricPoints.$inferSelect;

/** Which session a trace belongs to, learned from any record that carries both. */
export const traceSessions = sqliteTable(
  "trace_sessions",
  { traceId: text("trace_id").notNull(), sessionKey: text("session_key").notNull() },
  (t) => [
    primaryKey({ columns: [t.traceId, t.sessionKey] }),
    index("trace_sessions_session").on(t.sessionKey),
  ],
);

/** Durable rebuild intent: a session whose records changed since its last build. Written in the indexer's
 * batch transaction with the records, deleted in the transaction that stores the session's build, so a crash
 * at any point leaves it here for the next start's builder. `marked_at` orders the work (newest first). */
export const dirtySessions = sqliteTable(
  "dirty_sessions",
  {
    sessionKey: text("session_key").primaryKey(),
    markedAt: integer("marked_at").notNull(), // a batch sequence number; -1 = its build failed, retried later
  },
  (t) => [index("dirty_sessions_marked").on(t.markedAt)],
);

/** Keyless records (e.g. Codex spans) whose session is found through trace_sessions when the builder runs. */
export const dirtyTraces = sqliteTable("dirty_traces", {
  traceId: text("trace_id").primaryKey(),
  markedAt: integer("marked_at").notNull(),
});

/** A dirty trace resolved to a session it belongs to (written with the session's mark, deleted with it): the
 * keyless records an incremental build must read, as the session's own records are read by id. */
export const dirtySessionTraces = sqliteTable(
  "dirty_session_traces",
  { sessionKey: text("session_key").notNull(), traceId: text("trace_id").notNull() },
  (t) => [primaryKey({ columns: [t.sessionKey, t.traceId] })],
);

/** What a session's stored build covers, written in the transaction that stores the build: the highest id of
 * its own (keyed) records per signal, and the session-wide facts an incremental build must see unchanged
 * (lib/sessions/incremental.ts). No row: the next build is a full one. */
export const sessionBuilds = sqliteTable("session_builds", {
  sessionId: text("session_id").primaryKey(),
  logsId: integer("logs_id").notNull(),
  spansId: integer("spans_id").notNull(),
  metricsId: integer("metrics_id").notNull(),
  /** First and last activity (logs and spans) of all its records, decimal ns. */
  firstNs: text("first_ns").notNull(),
  lastNs: text("last_ns").notNull(),
  /** Time of the record that named the session's client (the first from a known client). */
  clientNs: text("client_ns").notNull(),
});
export type SessionBuild = typeof sessionBuilds.$inferSelect;

export const sessions = sqliteTable(
  "sessions",
  {
    id: text().primaryKey(), // the CLI's own session id
    client: text().notNull(),
    clientVersion: text("client_version"),
    serviceName: text("service_name"),
    startedAt: integer("started_at"), // epoch ms
    endedAt: integer("ended_at"),
    models: text().notNull(), // JSON string[]
    title: text(), // first prompt, for the list
    turnCount: integer("turn_count").notNull(),
    toolCallCount: integer("tool_call_count").notNull(),
    toolFailureCount: integer("tool_failure_count").notNull(),
    apiErrorCount: integer("api_error_count").notNull(),
    inputTokens: integer("input_tokens").notNull(),
    outputTokens: integer("output_tokens").notNull(),
    cachedInputTokens: integer("cached_input_tokens").notNull(),
    reasoningTokens: integer("reasoning_tokens").notNull(),
    costUsd: real("cost_usd"),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("sessions_started").on(t.startedAt), index("sessions_client").on(t.client, t.startedAt)],
);
export type Session = typeof sessions.$inferSelect;
export type NewSession = typeof sessions.$inferInsert;

export const turns = sqliteTable(
  "turns",
  {
    id: text().primaryKey(), // stable: derived from client, session id and the turn's natural key
    sessionId: text("session_id").notNull(),
    index: integer("turn_index").notNull(),
    key: text().notNull(),
    model: text(),
    startedAt: integer("started_at"),
    endedAt: integer("ended_at"),
    hasError: integer("has_error", { mode: "boolean" }).notNull(),
    hasToolFailure: integer("has_tool_failure", { mode: "boolean" }).notNull(),
    // lib/sessions/signals.ts triageScore of the turn's signals: the review walk's triage order
    triageScore: integer("triage_score").notNull().default(0),
    data: text().notNull(), // JSON TurnData
    promptNs: text("prompt_ns"), // the prompt's time (decimal ns) that orders turns; NULL for transcript-only turns
    totals: text(), // JSON SessionTotals of the session through this turn (lib/sessions/totals.ts)
  },
  (t) => [index("turns_session").on(t.sessionId, t.index), index("turns_triage").on(t.triageScore)],
);
export type Turn = typeof turns.$inferSelect;
export type NewTurn = typeof turns.$inferInsert;

/** Session ids seen in telemetry that are not sessions (title conversations, start-up-only ids, ...). */
export const excludedSessions = sqliteTable("excluded_sessions", {
  id: text().primaryKey(),
  reason: text().notNull(),
});

/** User data: one person's good/bad label, note, reasons and corrected answer on a turn or a whole session
 * (one row per target and author: `labeled_by` is the author, docs/team.md "People"). Never dropped by reindex. */
export const labels = sqliteTable(
  "labels",
  {
    targetType: text("target_type", { enum: LABEL_TARGET_TYPES }).notNull(),
    targetId: text("target_id").notNull(),
    label: text({ enum: LABEL_VALUES }),
    note: text().notNull().default(""),
    reasons: text().notNull().default("[]"), // JSON array of reason ids (lib/shared/reasons.ts)
    correction: text(), // the person's corrected final answer; NULL when none
    labeledBy: text("labeled_by").notNull(), // the author: the person whose label this is
    labeledAt: integer("labeled_at").notNull(), // epoch ms of the last change
    version: integer().notNull().default(1), // bumps on every change; clients use it to order updates
  },
  (t) => [primaryKey({ columns: [t.targetType, t.targetId, t.labeledBy] })],
);
export type Label = typeof labels.$inferSelect;
export type NewLabel = typeof labels.$inferInsert;

// The Overview's facts: narrow copies of what it aggregates from `turns.data`, written with the turns
// (lib/sessions/store.ts derives them, db/queries/sessions.ts `saveSessionBuild` stores them) so a year of
// turns is aggregated without parsing their JSON. Keyed by turn id; `session_id` is for replacing and scoping.

/** One `tool_calls[]` entry of a turn. */
export const toolCalls = sqliteTable(
  "tool_calls",
  {
    turnId: text("turn_id").notNull(),
    callIndex: integer("call_index").notNull(), // position in TurnData.tool_calls
    sessionId: text("session_id").notNull(),
    name: text().notNull(),
    success: integer(), // 1, 0 or NULL (not stated)
    durationMs: real("duration_ms"),
  },
  (t) => [
    primaryKey({ columns: [t.turnId, t.callIndex] }),
    index("tool_calls_session").on(t.sessionId),
    index("tool_calls_name").on(t.name, t.sessionId), // the list's `tool` filter
  ],
);
export type ToolCallFact = typeof toolCalls.$inferSelect;
export type NewToolCallFact = typeof toolCalls.$inferInsert;

/** One `api_calls[]` entry (a model API attempt) of a turn. */
export const apiCalls = sqliteTable(
  "api_calls",
  {
    turnId: text("turn_id").notNull(),
    callIndex: integer("call_index").notNull(), // position in TurnData.api_calls
    sessionId: text("session_id").notNull(),
    model: text(),
    startedAt: real("started_at"), // epoch ms
    durationMs: real("duration_ms"),
    statusCode: integer("status_code"),
    success: integer().notNull(), // 1 or 0
  },
  (t) => [primaryKey({ columns: [t.turnId, t.callIndex] }), index("api_calls_session").on(t.sessionId)],
);
export type ApiCallFact = typeof apiCalls.$inferSelect;
export type NewApiCallFact = typeof apiCalls.$inferInsert;

/** A turn's usage totals and latency facts. */
export const turnUsage = sqliteTable(
  "turn_usage",
  {
    turnId: text("turn_id").primaryKey(),
    sessionId: text("session_id").notNull(),
    model: text(), // the turn's main model (turns.model)
    startedAt: real("started_at"), // epoch ms
    endedAt: real("ended_at"),
    inputTokens: integer("input_tokens").notNull(),
    outputTokens: integer("output_tokens").notNull(),
    cachedInputTokens: integer("cached_input_tokens").notNull(),
    reasoningTokens: integer("reasoning_tokens").notNull(),
    costUsd: real("cost_usd"),
    apiErrors: integer("api_errors").notNull(),
    ttftMs: real("ttft_ms"), // docs/overview.md "Time to first token"; NULL when no source
  },
  (t) => [index("turn_usage_session").on(t.sessionId)],
);
export type TurnUsageFact = typeof turnUsage.$inferSelect;
export type NewTurnUsageFact = typeof turnUsage.$inferInsert;

/** The kinds of signal each turn has (TurnData.signals, lib/sessions/signals.ts), for filters and the list. */
export const turnSignals = sqliteTable(
  "turn_signals",
  {
    turnId: text("turn_id").notNull(),
    sessionId: text("session_id").notNull(),
    kind: text().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.turnId, t.kind] }),
    index("turn_signals_session").on(t.sessionId),
    index("turn_signals_kind").on(t.kind, t.sessionId),
  ],
);
export type TurnSignalFact = typeof turnSignals.$inferSelect;
export type NewTurnSignalFact = typeof turnSignals.$inferInsert;

/**
 * The journals (labels, reasons, users: lib/journals) in team mode, one row per line in append order: with
 * several replicas the data dir is disposable, so the journals live in the shared database. Empty on the
 * embedded default, whose journals are files in the data dir.
 */
export const journalLines = sqliteTable(
  "journal_lines",
  {
    id: integer().primaryKey(),
    journal: text().notNull(), // "labels" | "reasons" | "users"
    line: text().notNull(), // one JSON line, as the file journal holds it (without the newline)
    at: integer().notNull(), // epoch ms of the append
  },
  (t) => [index("journal_lines_journal").on(t.journal, t.id)],
);
export type JournalLine = typeof journalLines.$inferSelect;
