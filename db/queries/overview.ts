// The Overview's aggregates, computed in SQL over sessions, turns (their TurnData JSON) and turn labels.
// Every query is scoped like the sessions list (`sessionFilterSql`: session start in [since, until), client),
// and days are the day a turn's *session* started, so a day's bar sums exactly the sessions that
// `/?since=<day>&until=<next day>` lists. Shaping for the API is lib/overview's job, not this module's.
import type { Db } from "../client";
import { sessionFilterSql, type SessionFilter } from "./sessions";

export interface OverviewScope {
  filter: Pick<SessionFilter, "client" | "since" | "until">;
  /** Added to epoch ms before cutting days, so days are the viewer's local days (minutes east of UTC × 60k). */
  offsetMs: number;
}

const DAY_MS = 86_400_000;
/** Days since the epoch in the viewer's zone; NULL for a session without a start time. */
const DAY = `CAST((s.started_at + @offsetMs) / ${DAY_MS} AS INTEGER)`;

/** The scope's WHERE clause (over sessions `s`), with any extra conditions ANDed. */
function scoped(scope: OverviewScope, ...extra: string[]): { where: string; params: Record<string, unknown> } {
  const { where, params } = sessionFilterSql(scope.filter);
  const clauses = [where.replace(/^WHERE /, ""), ...extra].filter(Boolean);
  return { where: clauses.length > 0 ? `WHERE ${clauses.join(" AND ")}` : "", params: { ...params, offsetMs: scope.offsetMs } };
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

export function listSessionCountsByDay({ db, scope }: { db: Db; scope: OverviewScope }): { day: number; sessions: number }[] {
  const { where, params } = scoped(scope, "s.started_at IS NOT NULL");
  return db.$client
    .prepare(`SELECT ${DAY} AS day, count(*) AS sessions FROM sessions s ${where} GROUP BY day`)
    .all(params) as { day: number; sessions: number }[];
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
      `SELECT ${DAY} AS day, t.model AS model, count(*) AS turns,
         coalesce(sum(t.data ->> '$.input_tokens'), 0) AS inputTokens,
         coalesce(sum(t.data ->> '$.output_tokens'), 0) AS outputTokens,
         coalesce(sum(t.data ->> '$.cached_input_tokens'), 0) AS cachedInputTokens,
         coalesce(sum(t.data ->> '$.reasoning_tokens'), 0) AS reasoningTokens,
         sum(t.data ->> '$.cost_usd') AS costUsd
       FROM sessions s JOIN turns t ON t.session_id = s.id ${where}
       GROUP BY day, t.model`,
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
      `SELECT c.value ->> '$.name' AS name, count(*) AS calls,
         coalesce(sum((c.value ->> '$.success') = 0), 0) AS failures,
         median(c.value ->> '$.duration_ms') AS p50Ms, percentile(c.value ->> '$.duration_ms', 95) AS p95Ms
       FROM sessions s JOIN turns t ON t.session_id = s.id JOIN json_each(t.data, '$.tool_calls') c ${where}
       GROUP BY name ORDER BY calls DESC, name`,
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
 * Time to first token and end-to-end time per turn model. TTFT is what the client states per turn when it
 * does (Codex's `codex.turn_ttft` record, found through the turn's trace id, which is Codex's turn key);
 * otherwise the time from the turn's start to the end of its first successful call to the turn's model (router
 * and helper models skipped): the first complete response, an upper bound. docs/overview.md explains why.
 */
export function listTurnLatencyByModel({ db, scope }: { db: Db; scope: OverviewScope }): LatencyRow[] {
  const { where, params } = scoped(scope);
  return db.$client
    .prepare(
      `WITH latency AS (
         SELECT t.model AS model, t.ended_at - t.started_at AS e2e,
           coalesce(
             CASE WHEN s.client = 'codex' THEN (SELECT CAST(l.attributes ->> '$.duration_ms' AS REAL) FROM log_records l
               WHERE l.trace_id = t.key AND l.attributes ->> '$."event.name"' = 'codex.turn_ttft' ORDER BY l.id LIMIT 1) END,
             (SELECT min((c.value ->> '$.started_at') + (c.value ->> '$.duration_ms')) FROM json_each(t.data, '$.api_calls') c
               WHERE c.value ->> '$.success' AND coalesce(c.value ->> '$.model' = t.model, 1)) - t.started_at
           ) AS ttft
         FROM sessions s JOIN turns t ON t.session_id = s.id ${where})
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
 * reported with status NULL, so the errors here always sum to the sessions' api_errors.
 */
export function listApiErrorsByDayAndStatus({ db, scope }: { db: Db; scope: OverviewScope }): ApiErrorRow[] {
  // has_error is set on every turn with api_errors > 0, so only those turns' JSON is read.
  const { where, params } = scoped(scope, "t.has_error");
  const { where: failedWhere } = scoped(scope, "t.has_error", "NOT (c.value ->> '$.success')");
  const errorTurns = "sessions s JOIN turns t ON t.session_id = s.id";
  const calls = "json_each(t.data, '$.api_calls') c";
  return db.$client
    .prepare(
      `SELECT day, status, sum(errors) AS errors FROM (
         SELECT ${DAY} AS day, c.value ->> '$.status_code' AS status, count(*) AS errors
           FROM ${errorTurns} JOIN ${calls} ${failedWhere} GROUP BY day, status
         UNION ALL
         SELECT ${DAY}, NULL, (t.data ->> '$.api_errors')
             - (SELECT count(*) FROM ${calls} WHERE NOT (c.value ->> '$.success'))
           FROM ${errorTurns} ${where})
       WHERE errors > 0 GROUP BY day, status`,
    )
    .all(params) as ApiErrorRow[];
}

export interface LabelDayRow {
  day: number | null;
  good: number;
  bad: number;
  unlabeled: number;
}

/** Turn labels per session day (a turn without a good/bad label is unlabeled; session labels are not counted). */
export function listTurnLabelsByDay({ db, scope }: { db: Db; scope: OverviewScope }): LabelDayRow[] {
  const { where, params } = scoped(scope);
  return db.$client
    .prepare(
      `SELECT ${DAY} AS day, coalesce(sum(l.label = 'good'), 0) AS good, coalesce(sum(l.label = 'bad'), 0) AS bad,
         count(*) - count(l.label) AS unlabeled
       FROM sessions s JOIN turns t ON t.session_id = s.id
         LEFT JOIN labels l ON l.target_type = 'turn' AND l.target_id = t.id
       ${where} GROUP BY day`,
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
export function listLabeledTurnsByDimension({ db, scope }: { db: Db; scope: OverviewScope }): LabelSplitRow[] {
  const { where, params } = scoped(scope, "l.label IS NOT NULL");
  const labeled = `sessions s JOIN turns t ON t.session_id = s.id
    JOIN labels l ON l.target_type = 'turn' AND l.target_id = t.id`;
  const counts = "coalesce(sum(label = 'bad'), 0) AS bad, coalesce(sum(label = 'good'), 0) AS good";
  return db.$client
    .prepare(
      `SELECT 'client' AS dimension, value, ${counts} FROM (SELECT s.client AS value, l.label FROM ${labeled} ${where}) GROUP BY value
       UNION ALL
       SELECT 'model', value, ${counts} FROM (SELECT t.model AS value, l.label FROM ${labeled} ${where}) GROUP BY value
       UNION ALL
       SELECT 'tool', value, ${counts} FROM (
         SELECT DISTINCT t.id, c.value ->> '$.name' AS value, l.label
         FROM ${labeled} JOIN json_each(t.data, '$.tool_calls') c ${where}) GROUP BY value`,
    )
    .all(params) as LabelSplitRow[];
}
