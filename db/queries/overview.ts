// The Overview's aggregates, computed in SQL over sessions, turns (their TurnData JSON) and turn labels.
// Every query is scoped like the sessions list (`sessionFilterSql`: session start in [since, until), client),
// and a turn's day is the day its *session* started, so a day's bar sums exactly the sessions that
// `/?since=<day>&until=<next day>` lists. Shaping for the API is lib/overview's job, not this module's.
//
// Speed: reading `turns.data` dominates (a synthetic year, 96k turns / 462 MB of JSON: ~250 ms just to read
// it, ~350 ms to parse it once). Each query therefore extracts the few fields it needs in a MATERIALIZED CTE
// before grouping (grouping straight over the rows made SQLite sort the whole JSON: 1.2–2.4 s per query), and
// arrays are walked with jsonb_each so elements are not re-parsed (tools 0.9 s → 0.55 s).
import type { Db } from "../client";
import { sessionFilterSql, type SessionFilter } from "./sessions";

export interface OverviewScope {
  filter: Pick<SessionFilter, "client" | "since" | "until">;
  /** Added to epoch ms before cutting days, so days are the viewer's local days. */
  offsetMs: number;
}

const DAY_MS = 86_400_000;
/** Days since the epoch in the viewer's zone; NULL for a session without a start time. */
const DAY = `CAST((s.started_at + @offsetMs) / ${DAY_MS} AS INTEGER)`;
const SESSION_TURNS = "sessions s JOIN turns t ON t.session_id = s.id";

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
      `WITH usage AS MATERIALIZED (
         SELECT ${DAY} AS day, t.model AS model, t.data ->> '$.input_tokens' AS input,
           t.data ->> '$.output_tokens' AS output, t.data ->> '$.cached_input_tokens' AS cached,
           t.data ->> '$.reasoning_tokens' AS reasoning, t.data ->> '$.cost_usd' AS cost
         FROM ${SESSION_TURNS} ${where})
       SELECT day, model, count(*) AS turns, coalesce(sum(input), 0) AS inputTokens,
         coalesce(sum(output), 0) AS outputTokens, coalesce(sum(cached), 0) AS cachedInputTokens,
         coalesce(sum(reasoning), 0) AS reasoningTokens, sum(cost) AS costUsd
       FROM usage GROUP BY day, model`,
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
      `WITH calls AS MATERIALIZED (
         SELECT c.value ->> '$.name' AS name, c.value ->> '$.success' AS success, c.value ->> '$.duration_ms' AS duration
         FROM ${SESSION_TURNS} JOIN jsonb_each(t.data, '$.tool_calls') c ${where})
       SELECT name, count(*) AS calls, coalesce(sum(success = 0), 0) AS failures,
         median(duration) AS p50Ms, percentile(duration, 95) AS p95Ms
       FROM calls GROUP BY name ORDER BY calls DESC, name`,
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

/** Codex states the turn's time to first token in a `codex.turn_ttft` record on the turn's trace (its key). */
const CODEX_TTFT = `CASE WHEN s.client = 'codex' THEN (
  SELECT CAST(l.attributes ->> '$.duration_ms' AS REAL) FROM log_records l
  WHERE l.trace_id = t.key AND l.attributes ->> '$."event.name"' = 'codex.turn_ttft' ORDER BY l.id LIMIT 1) END`;
/** The end of the turn's first successful call to its own model (router and helper models skipped). */
const FIRST_RESPONSE = `(SELECT min((c.value ->> '$.started_at') + (c.value ->> '$.duration_ms'))
  FROM jsonb_each(t.data, '$.api_calls') c
  WHERE c.value ->> '$.success' AND coalesce(c.value ->> '$.model' = t.model, 1)) - t.started_at`;

/**
 * Time to first token and end-to-end time per turn model. TTFT is the client's own per-turn figure where the
 * telemetry has one (Codex), else the time to the first complete response (an upper bound). docs/overview.md.
 */
export function listTurnLatencyByModel({ db, scope }: { db: Db; scope: OverviewScope }): LatencyRow[] {
  const { where, params } = scoped(scope);
  return db.$client
    .prepare(
      `WITH latency AS MATERIALIZED (
         SELECT t.model AS model, t.ended_at - t.started_at AS e2e, coalesce(${CODEX_TTFT}, ${FIRST_RESPONSE}) AS ttft
         FROM ${SESSION_TURNS} ${where})
       SELECT model, count(*) AS turns, count(ttft) AS ttftTurns,
         median(ttft) AS ttftP50Ms, percentile(ttft, 95) AS ttftP95Ms,
         median(e2e) AS e2eP50Ms, percentile(e2e, 95) AS e2eP95Ms
       FROM latency GROUP BY model ORDER BY turns DESC, model`,
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
 * reported with status NULL, so the errors here sum to the sessions' api_errors.
 */
export function listApiErrorsByDayAndStatus({ db, scope }: { db: Db; scope: OverviewScope }): ApiErrorRow[] {
  // has_error is set on every turn with api_errors > 0, so only those turns' JSON is read.
  const { where, params } = scoped(scope, "t.has_error");
  const failedCall = scoped(scope, "t.has_error", "NOT (c.value ->> '$.success')").where;
  // One row per failed attempt with its status, and one status-NULL row per turn carrying its api_errors.
  return db.$client
    .prepare(
      `WITH failed AS MATERIALIZED (
         SELECT ${DAY} AS day, t.id AS turn, NULL AS total, c.value ->> '$.status_code' AS status
         FROM ${SESSION_TURNS} JOIN jsonb_each(t.data, '$.api_calls') c ${failedCall}
         UNION ALL
         SELECT ${DAY}, t.id, t.data ->> '$.api_errors', NULL FROM ${SESSION_TURNS} ${where}),
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
const IS_TURN_LABEL = "l.target_type = 'turn' AND l.label IS NOT NULL";

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
 * called, however many times). Only labeled turns' JSON is read.
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
         SELECT DISTINCT labeled.turn, c.value ->> '$.name' AS tool, labeled.label
         FROM labeled JOIN turns t ON t.id = labeled.turn JOIN jsonb_each(t.data, '$.tool_calls') c)
       SELECT 'client' AS dimension, client AS value, ${counts} FROM labeled GROUP BY client
       UNION ALL
       SELECT 'model', model, ${counts} FROM labeled GROUP BY model
       UNION ALL
       SELECT 'tool', tool, ${counts} FROM turn_tools GROUP BY tool`,
    )
    .all(params) as LabelSplitRow[];
}
