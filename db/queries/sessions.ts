// Sessions and turns as the index stores them (written by db/queries/session-builds.ts), and the list/detail
// queries the API serves, on either engine (the filter's SQL: session-filter.ts). Turn rows keep the full
// TurnData as JSON; columns are for filters.
import type { SessionSort } from "@/lib/shared/views";
import type { Label } from "@/lib/shared/labels";
import { fragmentsOf, type Fragments } from "../dialect";
import type { Store } from "../store";
import { disagreementsOf, othersLabeledOf, viewerLabel } from "./label-sql";
import { badTurnsOf, labeledTurnsOf, sessionFilterSql, type SessionFilter } from "./session-filter";
import type { Session, Turn } from "../schema";

export type SessionListRow = Session & {
  /** Comma-separated distinct signal kinds of the session's turns, or null. */
  signalKinds: string | null;
  labeledTurns: number;
  badTurns: number;
  disagreements: number;
  othersLabeled: number;
  label: Label;
  note: string | null;
};

const listColumnsOf = (sql: Fragments): string => `s.id, s.client, s.client_version AS clientVersion,
  s.service_name AS serviceName, s.started_at AS startedAt, s.ended_at AS endedAt, s.models, s.title,
  s.turn_count AS turnCount, s.tool_call_count AS toolCallCount, s.tool_failure_count AS toolFailureCount,
  s.api_error_count AS apiErrorCount, s.input_tokens AS inputTokens, s.output_tokens AS outputTokens,
  s.cached_input_tokens AS cachedInputTokens, s.reasoning_tokens AS reasoningTokens, s.cost_usd AS costUsd,
  s.updated_at AS updatedAt, ${sql.distinctList("kind", "turn_signals WHERE session_id = s.id")} AS signalKinds,
  ${labeledTurnsOf(sql)} AS labeledTurns, ${badTurnsOf(sql)} AS badTurns, ${disagreementsOf(sql)} AS disagreements,
  ${othersLabeledOf(sql)} AS othersLabeled, sl.label, sl.note`;

export interface SessionOrder {
  sort: SessionSort;
  order: "asc" | "desc";
}

/**
 * The value each sort orders by. `started_at` is the bare column so the default order walks `sessions_started`;
 * the others are computed per row and top-N sorted (EXPLAIN QUERY PLAN and timings in docs/api.md).
 */
const SORT_SQL: Record<SessionSort, string> = {
  started_at: "s.started_at",
  duration: "coalesce(s.ended_at - s.started_at, -1)",
  turns: "s.turn_count",
  tools: "s.tool_call_count",
  errors: "(s.api_error_count + s.tool_failure_count)",
  tokens: "(s.input_tokens + s.output_tokens)",
  labeled: "coalesce(lc.n, 0)",
};

/** Labeled turns per session, counted from the labels (few) rather than per turn of every session (many). */
const LABEL_COUNTS_JOIN = `LEFT JOIN (SELECT t.session_id, count(*) AS n FROM labels l JOIN turns t ON t.id = l.target_id
  WHERE l.target_type = 'turn' AND l.label IS NOT NULL AND ${viewerLabel("l")} GROUP BY t.session_id) lc ON lc.session_id = s.id`;

/** Where the previous page ended: its last row's sort value and id (the tie-breaker). */
export interface SessionKey {
  value: number | null;
  id: string;
}

/** Sorted (newest first by default), keyset-paged on (sort value, id); `sortValue` feeds the next cursor. */
export function listSessions({
  store,
  filter,
  limit,
  before,
  order = { sort: "started_at", order: "desc" },
}: {
  store: Store;
  filter: SessionFilter;
  limit: number;
  before?: SessionKey;
  order?: SessionOrder;
}): Promise<(SessionListRow & { sortValue: number | null })[]> {
  const { where, params } = sessionFilterSql(filter, store.dialect);
  const expr = SORT_SQL[order.sort];
  const cmp = order.order === "desc" ? "<" : ">";
  const page = before ? `(${expr} ${cmp} @bValue OR (${expr} = @bValue AND s.id ${cmp} @bId))` : "";
  const conditions = [where.replace(/^WHERE /, ""), page].filter(Boolean).join(" AND ");
  const sql = fragmentsOf(store.dialect);
  const dir = sql.direction(order.order === "desc" ? "DESC" : "ASC");
  // Two steps: the page's ids by the sort alone, then the columns for those rows only. In one step SQLite
  // computes every column (the labeled-turn counts) for every matching row before sorting them.
  // (`sort_value` in the CTE: Postgres would fold an unquoted `page.sortValue` to lower case.)
  return store.all(
    `WITH page AS (
       SELECT s.id, ${expr} AS sort_value FROM sessions s ${order.sort === "labeled" ? LABEL_COUNTS_JOIN : ""}
       ${conditions ? `WHERE ${conditions}` : ""}
       ORDER BY ${expr} ${dir}, s.id ${dir} LIMIT @limit)
     SELECT ${listColumnsOf(sql)}, page.sort_value AS sortValue FROM page
     JOIN sessions s ON s.id = page.id
     LEFT JOIN labels sl ON sl.target_type = 'session' AND sl.target_id = s.id AND ${viewerLabel("sl")}
     ORDER BY page.sort_value ${dir}, s.id ${dir}`,
    { ...params, limit, bValue: before?.value ?? null, bId: before?.id ?? null },
  );
}

export async function countSessions({
  store,
  filter,
}: {
  store: Store;
  filter: SessionFilter;
}): Promise<number> {
  const { where, params } = sessionFilterSql(filter, store.dialect);
  return (await store.get<{ n: number }>(`SELECT count(*) AS n FROM sessions s ${where}`, params))!.n;
}

/** A session as the list shows it, its label counts and session label the viewer's (absent: anyone's). */
export function getSessionById({
  store,
  id,
  viewer,
}: {
  store: Store;
  id: string;
  viewer?: string;
}): Promise<SessionListRow | undefined> {
  return store.get(
    `SELECT ${listColumnsOf(fragmentsOf(store.dialect))} FROM sessions s
     LEFT JOIN labels sl ON sl.target_type = 'session' AND sl.target_id = s.id AND ${viewerLabel("sl")}
     WHERE s.id = @id LIMIT 1`,
    { id, viewer: viewer ?? null },
  );
}

const TURN_COLUMNS = `id, session_id AS sessionId, turn_index AS "index", key, model, started_at AS startedAt,
  ended_at AS endedAt, has_error AS hasError, has_tool_failure AS hasToolFailure, data`;

export function listTurnsBySession({
  store,
  sessionId,
}: {
  store: Store;
  sessionId: string;
}): Promise<Turn[]> {
  return store.all(`SELECT ${TURN_COLUMNS} FROM turns WHERE session_id = ? ORDER BY turn_index`, [sessionId]);
}

/** A turn by id (the records route). */
export function getTurnById({ store, id }: { store: Store; id: string }): Promise<Turn | undefined> {
  return store.get<Turn>(`SELECT ${TURN_COLUMNS} FROM turns WHERE id = ?`, [id]);
}

/** Sessions per client (the Connect page's live indicator). */
export async function listSessionCountsByClient({ store }: { store: Store }): Promise<Map<string, number>> {
  const rows = await store.all<{ client: string; n: number }>(
    "SELECT client, count(*) AS n FROM sessions GROUP BY client",
  );
  return new Map(rows.map((row) => [row.client, row.n]));
}

/**
 * The sessions next to a position in list order (newest first): `older` is the next row down, `newer` the
 * one above. By position, not membership, so it works when the session itself no longer matches the filter.
 */
export async function getAdjacentSessionIds({
  store,
  filter,
  position,
}: {
  store: Store;
  filter: SessionFilter;
  position: { startedAt: number; id: string };
}): Promise<{ newer: string | null; older: string | null }> {
  const { where, params } = sessionFilterSql(filter, store.dialect);
  const and = where ? `${where} AND` : "WHERE";
  const pick = async (condition: string, order: string): Promise<string | null> =>
    (
      await store.get<{ id: string }>(
        `SELECT s.id FROM sessions s ${and} ${condition} ORDER BY ${order} LIMIT 1`,
        {
          ...params,
          pStarted: position.startedAt,
          pId: position.id,
        },
      )
    )?.id ?? null;
  const started = "coalesce(s.started_at, 0)";
  const sql = fragmentsOf(store.dialect);
  return {
    older: await pick(
      `(${started} < @pStarted OR (${started} = @pStarted AND s.id < @pId))`,
      `s.started_at ${sql.direction("DESC")}, s.id DESC`,
    ),
    newer: await pick(
      `(${started} > @pStarted OR (${started} = @pStarted AND s.id > @pId))`,
      `s.started_at ${sql.direction("ASC")}, s.id ASC`,
    ),
  };
}
