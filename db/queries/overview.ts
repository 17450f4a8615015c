// The Overview's aggregates, computed in SQL over sessions, the per-turn facts stored with them (`turn_usage`,
// `tool_calls`, `api_calls`: db/schema.ts, derived in lib/sessions/store.ts) and turn labels.
// Every query is scoped like the sessions list (`scopeFilterSql`: session start in [since, until), client),
// and a turn's day is the day its *session* started, so a day's bar sums exactly the sessions that
// `/?since=<day>&until=<next day>` lists. Shaping for the API is lib/overview's job, not this module's.
// The label panels' aggregates are in overview-labels.ts.
//
// Speed: nothing here reads `turns.data` (a synthetic year holds 462 MB of it: ~250 ms just to read, ~350 ms
// to parse once); the narrow fact tables are reached from the scoped sessions by their `session_id` index.
import { fragmentsOf } from "../dialect";
import type { Store } from "../store";
import { scopeFilterSql, type SessionFilter } from "./session-filter";

export interface OverviewScope {
  filter: Pick<SessionFilter, "client" | "since" | "until" | "viewer">;
  /** Added to epoch ms before cutting days, so days are the viewer's local days. */
  offsetMs: number;
}

const DAY_MS = 86_400_000;
/** Days since the epoch in the viewer's zone; NULL for a session without a start time. */
// floor, not the cast alone: started_at is double precision on Postgres (microsecond fractions), where a cast
// rounds; SQLite's cast truncates, and floor of its integer division is that same integer.
export const DAY = `CAST(floor((s.started_at + @offsetMs) / ${DAY_MS}) AS INTEGER)`;
const SESSION_USAGE = "sessions s JOIN turn_usage u ON u.session_id = s.id";
/** How many rows meet a condition (SQLite would sum the comparison; Postgres sums only numbers). */
export const COUNT_OF = (condition: string): string =>
  `coalesce(sum(CASE WHEN ${condition} THEN 1 ELSE 0 END), 0)`;

/** The scope's WHERE clause (over sessions `s`), with any extra conditions ANDed. */
export function scoped(
  scope: OverviewScope,
  ...extra: string[]
): { where: string; params: Record<string, unknown> } {
  const { where, params } = scopeFilterSql(scope.filter);
  const clauses = [where.replace(/^WHERE /, ""), ...extra].filter(Boolean);
  return {
    where: clauses.length > 0 ? `WHERE ${clauses.join(" AND ")}` : "",
    params: { ...params, offsetMs: scope.offsetMs },
  };
}

/** The clients that have sessions (the metrics-only panel leaves their metric points out). */
export async function listSessionClients({ store }: { store: Store }): Promise<Set<string>> {
  const rows = await store.all<{ client: string }>("SELECT DISTINCT client FROM sessions ORDER BY client");
  return new Set(rows.map((row) => row.client));
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
export function getOverviewTotalsByScope({
  store,
  scope,
}: {
  store: Store;
  scope: OverviewScope;
}): Promise<OverviewTotalsRow> {
  const { where, params } = scoped(scope);
  return store
    .get<OverviewTotalsRow>(
      `SELECT count(*) AS sessions, coalesce(sum(s.turn_count), 0) AS turns,
         coalesce(sum(s.tool_call_count), 0) AS toolCalls, coalesce(sum(s.tool_failure_count), 0) AS toolFailures,
         coalesce(sum(s.api_error_count), 0) AS apiErrors, coalesce(sum(s.input_tokens), 0) AS inputTokens,
         coalesce(sum(s.output_tokens), 0) AS outputTokens, coalesce(sum(s.cached_input_tokens), 0) AS cachedInputTokens,
         coalesce(sum(s.reasoning_tokens), 0) AS reasoningTokens, sum(s.cost_usd) AS costUsd
       FROM sessions s ${where}`,
      params,
    )
    .then((row) => row!);
}

export function listSessionCountsByDay({
  store,
  scope,
}: {
  store: Store;
  scope: OverviewScope;
}): Promise<{ day: number; sessions: number }[]> {
  const { where, params } = scoped(scope, "s.started_at IS NOT NULL");
  return store.all(
    `SELECT ${DAY} AS day, count(*) AS sessions FROM sessions s ${where} GROUP BY day ORDER BY day`,
    params,
  );
}

/**
 * Sessions per day and model they used (`sessions.models`, what the list's `model` filter matches): a
 * session with two models counts under both; one with none under NULL.
 */
export function listSessionCountsByDayAndModel({
  store,
  scope,
}: {
  store: Store;
  scope: OverviewScope;
}): Promise<{ day: number; model: string | null; sessions: number }[]> {
  const { where, params } = scoped(scope, "s.started_at IS NOT NULL");
  const sql = fragmentsOf(store.dialect);
  return store.all(
    `SELECT ${DAY} AS day, m.value AS model, count(*) AS sessions
     FROM sessions s ${sql.leftJoinJsonValues("s.models", "m")} ${where}
     GROUP BY day, m.value ORDER BY day, m.value NULLS FIRST`,
    params,
  );
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
export function listTurnUsageByDayAndModel({
  store,
  scope,
}: {
  store: Store;
  scope: OverviewScope;
}): Promise<TurnUsageRow[]> {
  const { where, params } = scoped(scope);
  return store.all<TurnUsageRow>(
    `SELECT ${DAY} AS day, u.model AS model, count(*) AS turns, coalesce(sum(u.input_tokens), 0) AS inputTokens,
         coalesce(sum(u.output_tokens), 0) AS outputTokens, coalesce(sum(u.cached_input_tokens), 0) AS cachedInputTokens,
         coalesce(sum(u.reasoning_tokens), 0) AS reasoningTokens, sum(u.cost_usd) AS costUsd
       FROM ${SESSION_USAGE} ${where} GROUP BY day, u.model ORDER BY day NULLS FIRST, u.model NULLS FIRST`,
    params,
  );
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
export function listToolStatsByName({
  store,
  scope,
}: {
  store: Store;
  scope: OverviewScope;
}): Promise<ToolStatsRow[]> {
  const { where, params } = scoped(scope);
  const sql = fragmentsOf(store.dialect);
  return store.all<ToolStatsRow>(
    `SELECT c.name AS name, count(*) AS calls, ${COUNT_OF("c.success = 0")} AS failures,
         ${sql.median("c.duration_ms")} AS p50Ms, ${sql.percentile("c.duration_ms", 95)} AS p95Ms
       FROM sessions s JOIN tool_calls c ON c.session_id = s.id ${where} GROUP BY c.name ORDER BY calls DESC, name`,
    params,
  );
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
export function listTurnLatencyByModel({
  store,
  scope,
}: {
  store: Store;
  scope: OverviewScope;
}): Promise<LatencyRow[]> {
  const { where, params } = scoped(scope);
  const sql = fragmentsOf(store.dialect);
  return store.all<LatencyRow>(
    `SELECT u.model AS model, count(*) AS turns, count(u.ttft_ms) AS ttftTurns,
         ${sql.median("u.ttft_ms")} AS ttftP50Ms, ${sql.percentile("u.ttft_ms", 95)} AS ttftP95Ms,
         ${sql.median("u.ended_at - u.started_at")} AS e2eP50Ms,
         ${sql.percentile("u.ended_at - u.started_at", 95)} AS e2eP95Ms
       FROM ${SESSION_USAGE} ${where} GROUP BY u.model ORDER BY turns DESC, u.model NULLS FIRST`,
    params,
  );
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
export function listApiErrorsByDayAndStatus({
  store,
  scope,
}: {
  store: Store;
  scope: OverviewScope;
}): Promise<ApiErrorRow[]> {
  const { where, params } = scoped(scope, "u.api_errors > 0");
  const failedCall = scoped(scope, "a.success = 0", "t.has_error = 1").where;
  // One row per failed attempt with its status, and one status-NULL row per turn carrying its api_errors (a
  // turn without api_errors adds nothing to the status-NULL count, so only those with some are read).
  return store.all<ApiErrorRow>(
    `WITH failed AS MATERIALIZED (
         SELECT ${DAY} AS day, a.turn_id AS turn, NULL AS total, a.status_code AS status
         FROM sessions s JOIN api_calls a ON a.session_id = s.id JOIN turns t ON t.id = a.turn_id ${failedCall}
         UNION ALL
         SELECT ${DAY}, u.turn_id, u.api_errors, NULL FROM ${SESSION_USAGE} ${where}),
       per_turn AS (
         SELECT day, status, count(*) AS errors FROM failed WHERE status IS NOT NULL GROUP BY day, status
         UNION ALL
         SELECT day, NULL, max(total) - count(status) FROM failed GROUP BY day, turn)
       SELECT day, status, sum(errors) AS errors FROM per_turn WHERE errors > 0 GROUP BY day, status
       ORDER BY day NULLS FIRST, status NULLS FIRST`,
    params,
  );
}
