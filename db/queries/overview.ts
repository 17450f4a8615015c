// The Overview's aggregates, computed in SQL over sessions, the per-turn facts stored with them (`turn_usage`,
// `tool_calls`, `api_calls`: db/schema.ts, derived in lib/sessions/store.ts) and turn labels.
// Every query is scoped like the sessions list (`sessionFilterSql`: session start in [since, until), client),
// and a turn's day is the day its *session* started, so a day's bar sums exactly the sessions that
// `/?since=<day>&until=<next day>` lists. Shaping for the API is lib/overview's job, not this module's.
//
// Speed: nothing here reads `turns.data` (a synthetic year holds 462 MB of it: ~250 ms just to read, ~350 ms
// to parse once); the narrow fact tables are reached from the scoped sessions by their `session_id` index.
import type { Db } from "../client";
import { viewerLabel } from "./label-sql";
import { sessionFilterSql, type SessionFilter } from "./sessions";

export interface OverviewScope {
  filter: Pick<SessionFilter, "client" | "since" | "until" | "viewer">;
  /** Added to epoch ms before cutting days, so days are the viewer's local days. */
  offsetMs: number;
}

const DAY_MS = 86_400_000;
/** Days since the epoch in the viewer's zone; NULL for a session without a start time. */
const DAY = `CAST((s.started_at + @offsetMs) / ${DAY_MS} AS INTEGER)`;
const SESSION_USAGE = "sessions s JOIN turn_usage u ON u.session_id = s.id";

/** The scope's WHERE clause (over sessions `s`), with any extra conditions ANDed. */
function scoped(
  scope: OverviewScope,
  ...extra: string[]
): { where: string; params: Record<string, unknown> } {
  const { where, params } = sessionFilterSql(scope.filter);
  const clauses = [where.replace(/^WHERE /, ""), ...extra].filter(Boolean);
  return {
    where: clauses.length > 0 ? `WHERE ${clauses.join(" AND ")}` : "",
    params: { ...params, offsetMs: scope.offsetMs },
  };
}

export interface OverviewTotalsRow {
  sessions: number;
  turns: number;
  toolCalls: number;
  toolFailures: number;
  apiErrors: number;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  reasoningTokens: number;
  costUsd: number | null;
}

/** The session columns summed: by construction the same numbers as summing `/api/sessions` rows. */
export function getOverviewTotalsByScope({ db, scope }: { db: Db; scope: OverviewScope }): OverviewTotalsRow {
  const { where, params } = scoped(scope);
  return db.$client
    .prepare(
      `SELECT count(*) AS sessions, coalesce(sum(s.turn_count), 0) AS turns,
         coalesce(sum(s.tool_call_count), 0) AS toolCalls, coalesce(sum(s.tool_failure_count), 0) AS toolFailures,
         coalesce(sum(s.api_error_count), 0) AS apiErrors, coalesce(sum(s.input_tokens), 0) AS inputTokens,
         coalesce(sum(s.output_tokens), 0) AS outputTokens, coalesce(sum(s.cached_input_tokens), 0) AS cachedInputTokens,
         coalesce(sum(s.reasoning_tokens), 0) AS reasoningTokens, sum(s.cost_usd) AS costUsd
       FROM sessions s ${where}`,
    )
    .get(params) as OverviewTotalsRow;
}

export function listSessionCountsByDay({
  db,
  scope,
}: {
  db: Db;
  scope: OverviewScope;
}): { day: number; sessions: number }[] {
  const { where, params } = scoped(scope, "s.started_at IS NOT NULL");
  return db.$client
    .prepare(`SELECT ${DAY} AS day, count(*) AS sessions FROM sessions s ${where} GROUP BY day`)
    .all(params) as { day: number; sessions: number }[];
}

/**
 * Sessions per day and model they used (`sessions.models`, what the list's `model` filter matches): a
 * session with two models counts under both; one with none under NULL.
 */
export function listSessionCountsByDayAndModel({
  db,
  scope,
}: {
  db: Db;
  scope: OverviewScope;
}): { day: number; model: string | null; sessions: number }[] {
  const { where, params } = scoped(scope, "s.started_at IS NOT NULL");
  return db.$client
    .prepare(
      `SELECT ${DAY} AS day, m.value AS model, count(*) AS sessions
       FROM sessions s LEFT JOIN json_each(s.models) m ${where} GROUP BY day, model`,
    )
    .all(params) as { day: number; model: string | null; sessions: number }[];
}

export interface TurnUsageRow {
  day: number | null;
  model: string | null;
  turns: number;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  reasoningTokens: number;
  costUsd: number | null;
}

/** Turns and their token/cost totals per session day and turn model (the turn's main model, as expected.json). */
export function listTurnUsageByDayAndModel({ db, scope }: { db: Db; scope: OverviewScope }): TurnUsageRow[] {
  const { where, params } = scoped(scope);
  return db.$client
    .prepare(
      `SELECT ${DAY} AS day, u.model AS model, count(*) AS turns, coalesce(sum(u.input_tokens), 0) AS inputTokens,
         coalesce(sum(u.output_tokens), 0) AS outputTokens, coalesce(sum(u.cached_input_tokens), 0) AS cachedInputTokens,
         coalesce(sum(u.reasoning_tokens), 0) AS reasoningTokens, sum(u.cost_usd) AS costUsd
       FROM ${SESSION_USAGE} ${where} GROUP BY day, model`,
    )
    .all(params) as TurnUsageRow[];
}

export interface ToolStatsRow {
  name: string;
  calls: number;
  failures: number;
  p50Ms: number | null;
  p95Ms: number | null;
}

/**
 * Per tool name: calls, failed calls (`success` false, as the sessions' tool_failures) and the median and
 * 95th percentile duration (SQLite's `median`/`percentile`, linearly interpolated; calls without a duration
 * are left out of those two).
 */
export function listToolStatsByName({ db, scope }: { db: Db; scope: OverviewScope }): ToolStatsRow[] {
  const { where, params } = scoped(scope);
  return db.$client
    .prepare(
      `SELECT c.name AS name, count(*) AS calls, coalesce(sum(c.success = 0), 0) AS failures,
         median(c.duration_ms) AS p50Ms, percentile(c.duration_ms, 95) AS p95Ms
       FROM sessions s JOIN tool_calls c ON c.session_id = s.id ${where} GROUP BY c.name ORDER BY calls DESC, name`,
    )
    .all(params) as ToolStatsRow[];
}

export interface LatencyRow {
  model: string | null;
  turns: number;
  ttftTurns: number;
  ttftP50Ms: number | null;
  ttftP95Ms: number | null;
  e2eP50Ms: number | null;
  e2eP95Ms: number | null;
}

/**
 * Time to first token and end-to-end time per turn model. TTFT is `turn_usage.ttft_ms`: the client's own
 * per-turn figure where the telemetry has one (Codex), else the time to the first complete response (an upper
 * bound), derived when the turn is stored (lib/sessions/store.ts). docs/overview.md.
 */
export function listTurnLatencyByModel({ db, scope }: { db: Db; scope: OverviewScope }): LatencyRow[] {
  const { where, params } = scoped(scope);
  return db.$client
    .prepare(
      `SELECT u.model AS model, count(*) AS turns, count(u.ttft_ms) AS ttftTurns,
         median(u.ttft_ms) AS ttftP50Ms, percentile(u.ttft_ms, 95) AS ttftP95Ms,
         median(u.ended_at - u.started_at) AS e2eP50Ms, percentile(u.ended_at - u.started_at, 95) AS e2eP95Ms
       FROM ${SESSION_USAGE} ${where} GROUP BY u.model ORDER BY turns DESC, model`,
    )
    .all(params) as LatencyRow[];
}

export interface ApiErrorRow {
  day: number | null;
  status: number | null;
  errors: number;
}

/**
 * Failed model API attempts per session day and HTTP status. A turn's `api_errors` can exceed the failed
 * attempts it lists (Claude Code counts retries from span events that carry no status): the rest is
 * reported with status NULL, so the errors here sum to the sessions' api_errors. Failed attempts count only
 * in turns flagged `has_error` (every turn with api_errors > 0 is).
 */
export function listApiErrorsByDayAndStatus({ db, scope }: { db: Db; scope: OverviewScope }): ApiErrorRow[] {
  const { where, params } = scoped(scope, "u.api_errors > 0");
  const failedCall = scoped(scope, "NOT a.success", "t.has_error").where;
  // One row per failed attempt with its status, and one status-NULL row per turn carrying its api_errors (a
  // turn without api_errors adds nothing to the status-NULL count, so only those with some are read).
  return db.$client
    .prepare(
      `WITH failed AS MATERIALIZED (
         SELECT ${DAY} AS day, a.turn_id AS turn, NULL AS total, a.status_code AS status
         FROM sessions s JOIN api_calls a ON a.session_id = s.id JOIN turns t ON t.id = a.turn_id ${failedCall}
         UNION ALL
         SELECT ${DAY}, u.turn_id, u.api_errors, NULL FROM ${SESSION_USAGE} ${where}),
       per_turn AS (
         SELECT day, status, count(*) AS errors FROM failed WHERE status IS NOT NULL GROUP BY day, status
         UNION ALL
         SELECT day, NULL, max(total) - count(status) FROM failed GROUP BY day, turn)
       SELECT day, status, sum(errors) AS errors FROM per_turn WHERE errors > 0 GROUP BY day, status`,
    )
    .all(params) as ApiErrorRow[];
}

/** Labeled turns, found from the labels (usually a small share of the turns) rather than by scanning turns. */
const LABELED_TURNS = `labels l JOIN turns t ON t.id = l.target_id JOIN sessions s ON s.id = t.session_id`;
const IS_TURN_LABEL = `l.target_type = 'turn' AND l.label IS NOT NULL AND ${viewerLabel("l")}`;

export interface LabelDayRow {
  day: number | null;
  good: number;
  bad: number;
}

/** Good and bad turn labels per session day (session labels are not counted; the rest of the turns are unlabeled). */
export function listTurnLabelsByDay({ db, scope }: { db: Db; scope: OverviewScope }): LabelDayRow[] {
  const { where, params } = scoped(scope, IS_TURN_LABEL);
  return db.$client
    .prepare(
      `SELECT ${DAY} AS day, coalesce(sum(l.label = 'good'), 0) AS good, coalesce(sum(l.label = 'bad'), 0) AS bad
       FROM ${LABELED_TURNS} ${where} GROUP BY day`,
    )
    .all(params) as LabelDayRow[];
}

export interface LabelSplitRow {
  dimension: "tool" | "model" | "client";
  value: string | null;
  bad: number;
  good: number;
}

/**
 * Labeled turns per client, per turn model and per tool used in the turn (a turn counts once per tool it
 * called, however many times).
 */
export function listLabeledTurnsByDimension({
  db,
  scope,
}: {
  db: Db;
  scope: OverviewScope;
}): LabelSplitRow[] {
  const { where, params } = scoped(scope, IS_TURN_LABEL);
  const counts = "coalesce(sum(label = 'bad'), 0) AS bad, coalesce(sum(label = 'good'), 0) AS good";
  return db.$client
    .prepare(
      `WITH labeled AS MATERIALIZED (SELECT t.id AS turn, s.client, t.model, l.label FROM ${LABELED_TURNS} ${where}),
       turn_tools AS MATERIALIZED (
         SELECT DISTINCT labeled.turn, c.name AS tool, labeled.label
         FROM labeled JOIN tool_calls c ON c.turn_id = labeled.turn)
       SELECT 'client' AS dimension, client AS value, ${counts} FROM labeled GROUP BY client
       UNION ALL
       SELECT 'model', model, ${counts} FROM labeled GROUP BY model
       UNION ALL
       SELECT 'tool', tool, ${counts} FROM turn_tools GROUP BY tool`,
    )
    .all(params) as LabelSplitRow[];
}

export interface ReasonSplitRow {
  dimension: "tool" | "model" | "client";
  value: string | null;
  reason: string;
  turns: number;
}

/**
 * Turns carrying each reason, per client, per turn model and per tool used in the turn (a turn counts once
 * per tool it called). Every reason id; which ones are "bad" is the vocabulary's business (lib/overview).
 */
export function listReasonTurnsByDimension({
  db,
  scope,
}: {
  db: Db;
  scope: OverviewScope;
}): ReasonSplitRow[] {
  const { where, params } = scoped(scope, "l.target_type = 'turn' AND l.reasons <> '[]'");
  return db.$client
    .prepare(
      `WITH tagged AS MATERIALIZED (
         SELECT DISTINCT t.id AS turn, s.client, t.model, r.value AS reason
         FROM ${LABELED_TURNS} JOIN json_each(l.reasons) r ${where}),
       turn_tools AS MATERIALIZED (
         SELECT DISTINCT tagged.turn, c.name AS tool, tagged.reason FROM tagged JOIN tool_calls c ON c.turn_id = tagged.turn)
       SELECT 'client' AS dimension, client AS value, reason, count(*) AS turns FROM tagged GROUP BY client, reason
       UNION ALL
       SELECT 'model', model, reason, count(*) FROM tagged GROUP BY model, reason
       UNION ALL
       SELECT 'tool', tool, reason, count(*) FROM turn_tools GROUP BY tool, reason`,
    )
    .all(params) as ReasonSplitRow[];
}
