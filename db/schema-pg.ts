// The index schema on PostgreSQL: the same tables, columns and indexes as db/schema.ts (the one source, whose
// comments say what each holds), translated column by column; db/schema-pg.test.ts fails when the two drift.
// Only here: full-text search with Postgres' own means (tsvector columns + GIN), where SQLite has FTS5 tables.
import { sql } from "drizzle-orm";
import {
  bigint,
  customType,
  doublePrecision,
  index,
  pgTable,
  primaryKey,
  uniqueIndex,
} from "drizzle-orm/pg-core";

// SQLite's INTEGER is 64-bit: every integer column is a bigint here, read as a JS number (all fit in 2^53:
// epoch ms, counts, ids). Booleans stay 0/1 integers so the same SQL compares and returns them on both engines.
const int = (name?: string) => (name ? bigint(name, { mode: "number" }) : bigint({ mode: "number" }));
const real = doublePrecision;
/** Epoch ms to the microsecond (nsToMs gives fractions), where SQLite's INTEGER column keeps them as REAL:
 * sessions' and turns' start and end (db/schema-pg.test.ts FRACTIONAL_MS). */
const msTime = (name: string) => doublePrecision(name);
const autoId = () => int().primaryKey().generatedByDefaultAsIdentity();

/** Text compares byte-wise, as SQLite's BINARY collation does: ORDER BY, keyset pages and min/max on text give
 * the same order whatever locale the database was created with. */
const text = customType<{ data: string }>({ dataType: () => 'text COLLATE "C"' });
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * Text as FTS5's unicode61 tokenizer sees it, then a tsvector of its words ('simple': no stemming, no stop words):
 * case folded, Latin diacritics removed (NFD, combining marks dropped), and everything that is not a letter or
 * digit a space. ICU's root locale classifies and folds the characters, so the result does not depend on the
 * locale the database was created with (a column's "C" collation would make every non-ASCII letter a space).
 * Capped because one tsvector holds at most 1 MB (docs/team.md "Postgres").
 */
export const SEARCH_TEXT_LIMIT = 131_072;
const searchable = (column: string): string => {
  const folded = `normalize(lower(left(coalesce(${column}, ''), ${SEARCH_TEXT_LIMIT}) COLLATE "und-x-icu"), NFD)`;
  const words = `regexp_replace(regexp_replace(${folded}, '[\\u0300-\\u036f]+', '', 'g'), '[^[:alnum:]]+', ' ', 'g')`;
  return `to_tsvector('simple'::regconfig, ${words})`;
};

export const requests = pgTable(
  "requests",
  {
    id: autoId(),
    signal: text().notNull(),
    receivedAt: int("received_at").notNull(),
    transport: text().notNull(),
    encoding: text().notNull(),
    userAgent: text("user_agent"),
    segment: text().notNull(),
    line: int().notNull(),
    bodyHash: text("body_hash").notNull(),
    records: int().notNull(),
    bytes: int().notNull(),
  },
  (t) => [uniqueIndex("requests_body_hash").on(t.signal, t.bodyHash)],
);

export const segments = pgTable("segments", {
  name: text().primaryKey(),
  signal: text().notNull(),
  linesIndexed: int("lines_indexed").notNull(),
});

export const resources = pgTable("resources", {
  id: autoId(),
  hash: text().notNull().unique(),
  serviceName: text("service_name"),
  serviceVersion: text("service_version"),
  attributes: text().notNull(),
  lastSeenAt: int("last_seen_at"),
});

export const scopes = pgTable("scopes", {
  id: autoId(),
  hash: text().notNull().unique(),
  name: text(),
  version: text(),
});

const recordColumns = () => ({
  id: autoId(),
  requestId: int("request_id").notNull(),
  resourceId: int("resource_id").notNull(),
  scopeId: int("scope_id").notNull(),
  name: text().notNull(),
  timeNs: text("time_ns").notNull(),
  sessionKey: text("session_key"),
  traceId: text("trace_id"),
  attributes: text().notNull(),
  turnKey: text("turn_key"),
});

export const logRecords = pgTable(
  "log_records",
  {
    ...recordColumns(),
    observedTimeNs: text("observed_time_ns"),
    severityNumber: int("severity_number"),
    severityText: text("severity_text"),
    spanId: text("span_id"),
    body: text(),
  },
  (t) => [
    index("log_records_session").on(t.sessionKey),
    index("log_records_trace").on(t.traceId),
    index("log_records_turn")
      .on(t.turnKey, t.sessionKey)
      .where(sql`turn_key IS NOT NULL`),
  ],
);

export const spans = pgTable(
  "spans",
  {
    ...recordColumns(),
    spanId: text("span_id"),
    parentSpanId: text("parent_span_id"),
    kind: int(),
    endTimeNs: text("end_time_ns"),
    statusCode: int("status_code"),
    statusMessage: text("status_message"),
    events: text().notNull(),
  },
  (t) => [
    index("spans_session").on(t.sessionKey),
    index("spans_trace").on(t.traceId),
    index("spans_turn")
      .on(t.turnKey, t.sessionKey)
      .where(sql`turn_key IS NOT NULL`),
  ],
);

export const metricPoints = pgTable(
  "metric_points",
  {
    ...recordColumns(),
    value: text().notNull(),
  },
  (t) => [
    index("metric_points_session").on(t.sessionKey),
    index("metric_points_name").on(t.name),
    index("metric_points_trace")
      .on(t.traceId)
      .where(sql`trace_id IS NOT NULL`),
    index("metric_points_turn")
      .on(t.turnKey, t.sessionKey)
      .where(sql`turn_key IS NOT NULL`),
  ],
);

export const traceSessions = pgTable(
  "trace_sessions",
  { traceId: text("trace_id").notNull(), sessionKey: text("session_key").notNull() },
  (t) => [
    primaryKey({ columns: [t.traceId, t.sessionKey] }),
    index("trace_sessions_session").on(t.sessionKey),
  ],
);

export const dirtySessions = pgTable(
  "dirty_sessions",
  {
    sessionKey: text("session_key").primaryKey(),
    markedAt: int("marked_at").notNull(),
  },
  (t) => [index("dirty_sessions_marked").on(t.markedAt)],
);

export const dirtyTraces = pgTable("dirty_traces", {
  traceId: text("trace_id").primaryKey(),
  markedAt: int("marked_at").notNull(),
});

export const dirtySessionTraces = pgTable(
  "dirty_session_traces",
  { sessionKey: text("session_key").notNull(), traceId: text("trace_id").notNull() },
  (t) => [primaryKey({ columns: [t.sessionKey, t.traceId] })],
);

export const sessionBuilds = pgTable("session_builds", {
  sessionId: text("session_id").primaryKey(),
  logsId: int("logs_id").notNull(),
  spansId: int("spans_id").notNull(),
  metricsId: int("metrics_id").notNull(),
  firstNs: text("first_ns").notNull(),
  lastNs: text("last_ns").notNull(),
  clientNs: text("client_ns").notNull(),
});

export const sessions = pgTable(
  "sessions",
  {
    id: text().primaryKey(),
    client: text().notNull(),
    clientVersion: text("client_version"),
    serviceName: text("service_name"),
    startedAt: msTime("started_at"),
    endedAt: msTime("ended_at"),
    models: text().notNull(),
    title: text(),
    turnCount: int("turn_count").notNull(),
    toolCallCount: int("tool_call_count").notNull(),
    toolFailureCount: int("tool_failure_count").notNull(),
    apiErrorCount: int("api_error_count").notNull(),
    inputTokens: int("input_tokens").notNull(),
    outputTokens: int("output_tokens").notNull(),
    cachedInputTokens: int("cached_input_tokens").notNull(),
    reasoningTokens: int("reasoning_tokens").notNull(),
    costUsd: real("cost_usd"),
    updatedAt: int("updated_at").notNull(),
  },
  (t) => [index("sessions_started").on(t.startedAt), index("sessions_client").on(t.client, t.startedAt)],
);

export const turns = pgTable(
  "turns",
  {
    id: text().primaryKey(),
    sessionId: text("session_id").notNull(),
    index: int("turn_index").notNull(),
    key: text().notNull(),
    model: text(),
    startedAt: msTime("started_at"),
    endedAt: msTime("ended_at"),
    hasError: int("has_error").notNull(),
    hasToolFailure: int("has_tool_failure").notNull(),
    triageScore: int("triage_score").notNull().default(0),
    data: text().notNull(),
    promptNs: text("prompt_ns"),
    totals: text(),
  },
  (t) => [index("turns_session").on(t.sessionId, t.index), index("turns_triage").on(t.triageScore)],
);

export const excludedSessions = pgTable("excluded_sessions", {
  id: text().primaryKey(),
  reason: text().notNull(),
});

export const labels = pgTable(
  "labels",
  {
    targetType: text("target_type").notNull(),
    targetId: text("target_id").notNull(),
    label: text(),
    note: text().notNull().default(""),
    reasons: text().notNull().default("[]"),
    correction: text(),
    labeledBy: text("labeled_by").notNull(),
    labeledAt: int("labeled_at").notNull(),
    version: int().notNull().default(1),
    // SQLite: the note_search FTS5 table, kept by triggers (migrations 0007, 0012). Here the row carries it.
    noteSearch: tsvector("note_search").generatedAlwaysAs(sql.raw(searchable("note"))),
  },
  (t) => [
    primaryKey({ columns: [t.targetType, t.targetId, t.labeledBy] }),
    index("labels_note_search").using("gin", t.noteSearch),
  ],
);

/** SQLite: the turn_search FTS5 table (migration 0001). Written where that one is (db/queries/session-builds.ts),
 * one row per turn; the tsvector is computed by Postgres from the text. */
export const turnSearch = pgTable(
  "turn_search",
  {
    turnId: text("turn_id").primaryKey(),
    sessionId: text("session_id").notNull(),
    prompt: text(),
    response: text(),
    tools: text(),
    document: tsvector().generatedAlwaysAs(
      sql.raw(["prompt", "response", "tools"].map(searchable).join(" || ")),
    ),
  },
  (t) => [
    index("turn_search_session").on(t.sessionId),
    index("turn_search_document").using("gin", t.document),
  ],
);

export const toolCalls = pgTable(
  "tool_calls",
  {
    turnId: text("turn_id").notNull(),
    callIndex: int("call_index").notNull(),
    sessionId: text("session_id").notNull(),
    name: text().notNull(),
    success: int(),
    durationMs: real("duration_ms"),
  },
  (t) => [
    primaryKey({ columns: [t.turnId, t.callIndex] }),
    index("tool_calls_session").on(t.sessionId),
    index("tool_calls_name").on(t.name, t.sessionId),
  ],
);

export const apiCalls = pgTable(
  "api_calls",
  {
    turnId: text("turn_id").notNull(),
    callIndex: int("call_index").notNull(),
    sessionId: text("session_id").notNull(),
    model: text(),
    startedAt: real("started_at"),
    durationMs: real("duration_ms"),
    statusCode: int("status_code"),
    success: int().notNull(),
  },
  (t) => [primaryKey({ columns: [t.turnId, t.callIndex] }), index("api_calls_session").on(t.sessionId)],
);

export const turnUsage = pgTable(
  "turn_usage",
  {
    turnId: text("turn_id").primaryKey(),
    sessionId: text("session_id").notNull(),
    model: text(),
    startedAt: real("started_at"),
    endedAt: real("ended_at"),
    inputTokens: int("input_tokens").notNull(),
    outputTokens: int("output_tokens").notNull(),
    cachedInputTokens: int("cached_input_tokens").notNull(),
    reasoningTokens: int("reasoning_tokens").notNull(),
    costUsd: real("cost_usd"),
    apiErrors: int("api_errors").notNull(),
    ttftMs: real("ttft_ms"),
  },
  (t) => [index("turn_usage_session").on(t.sessionId)],
);

export const turnSignals = pgTable(
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

export const journalLines = pgTable(
  "journal_lines",
  {
    id: autoId(),
    journal: text().notNull(),
    line: text().notNull(),
    at: int().notNull(),
  },
  (t) => [index("journal_lines_journal").on(t.journal, t.id)],
);
