// Sessions and turns as the index stores them (written by db/queries/session-builds.ts), and the list/detail
// queries the API serves. Turn rows keep the full TurnData as JSON; columns are for filters.
import type { SessionSort } from "@/lib/shared/views";
import type { Label, LabelState } from "@/lib/shared/labels";
import type { Db } from "../client";
import { DISAGREEMENTS, OTHERS_LABELED, OTHERS_NOT_ME, viewerLabel } from "./label-sql";
import { SESSION_MATCHES_SQL } from "./search";
import type { Session, Turn } from "../schema";

export interface SessionFilter {
  client?: string;
  model?: string;
  hasErrors?: boolean;
  since?: number; // epoch ms, on started_at
  until?: number;
  q?: string; // FTS5 query (already sanitized)
  labelState?: LabelState;
  toolFailed?: boolean;
  /** Sessions with a turn carrying this reason id. */
  reason?: string;
  /** Sessions with a turn that has this signal kind (turn_signals). */
  signal?: string;
  /** Sessions with a call of this tool (tool_calls). */
  tool?: string;
  /**
   * Whose labels count for the label states, the review queue and the session label (docs/team.md
   * "People"); absent: anyone's (one person's store).
   */
  viewer?: string;
}

/** SQL conditions for a filter, over sessions aliased `s`. */
export function sessionFilterSql(filter: SessionFilter): { where: string; params: Record<string, unknown> } {
  const clauses: string[] = [];
  const params: Record<string, unknown> = { viewer: filter.viewer ?? null };
  if (filter.client) {
    clauses.push("s.client = @client");
    params.client = filter.client;
  }
  if (filter.model) {
    clauses.push("EXISTS (SELECT 1 FROM json_each(s.models) WHERE value = @model)");
    params.model = filter.model;
  }
  if (filter.hasErrors !== undefined) {
    clauses.push(`(s.api_error_count + s.tool_failure_count > 0) = ${filter.hasErrors ? 1 : 0}`);
  }
  if (filter.toolFailed) clauses.push("s.tool_failure_count > 0");
  if (filter.since !== undefined) {
    clauses.push("s.started_at >= @since");
    params.since = filter.since;
  }
  if (filter.until !== undefined) {
    clauses.push("s.started_at < @until");
    params.until = filter.until;
  }
  if (filter.q) {
    clauses.push(SESSION_MATCHES_SQL);
    params.q = filter.q;
  }
  if (filter.labelState) clauses.push(LABEL_STATE_SQL[filter.labelState]);
  if (filter.reason) {
    clauses.push(`EXISTS (SELECT 1 FROM turns t JOIN labels l ON l.target_type = 'turn' AND l.target_id = t.id
      AND ${viewerLabel("l")} WHERE t.session_id = s.id AND EXISTS (SELECT 1 FROM json_each(l.reasons) WHERE value = @reason))`);
    params.reason = filter.reason;
  }
  if (filter.signal) {
    clauses.push("s.id IN (SELECT session_id FROM turn_signals WHERE kind = @signal)");
    params.signal = filter.signal;
  }
  if (filter.tool) {
    // with toolFailed: sessions where this tool failed (the Overview's failure links)
    const failed = filter.toolFailed ? " AND success = 0" : "";
    clauses.push(`s.id IN (SELECT session_id FROM tool_calls WHERE name = @tool${failed})`);
    params.tool = filter.tool;
  }
  return { where: clauses.length > 0 ? `WHERE ${clauses.join(" AND ")}` : "", params };
}

// CROSS JOIN keeps the session's turns as the outer loop: without it the planner may walk every turn label
// for each session (2.4 s for a 50-row page with 14k labels; 2 ms this way).
const LABELED_TURNS = `(SELECT count(*) FROM turns t CROSS JOIN labels l ON l.target_type = 'turn' AND l.target_id = t.id
  AND l.label IS NOT NULL AND ${viewerLabel("l")} WHERE t.session_id = s.id)`;
const BAD_TURNS = `(SELECT count(*) FROM turns t CROSS JOIN labels l ON l.target_type = 'turn' AND l.target_id = t.id
  AND l.label = 'bad' AND ${viewerLabel("l")} WHERE t.session_id = s.id)`;
const LABEL_STATE_SQL: Record<NonNullable<SessionFilter["labelState"]>, string> = {
  unlabeled: `${LABELED_TURNS} = 0`,
  partly: `${LABELED_TURNS} BETWEEN 1 AND s.turn_count - 1`,
  done: `${LABELED_TURNS} >= s.turn_count`,
  "has-bad": `${BAD_TURNS} > 0`,
  "others-not-me": `EXISTS (SELECT 1 FROM turns t WHERE t.session_id = s.id AND ${OTHERS_NOT_ME})`,
};

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

const LIST_COLUMNS = `s.id, s.client, s.client_version AS clientVersion, s.service_name AS serviceName,
  s.started_at AS startedAt, s.ended_at AS endedAt, s.models, s.title, s.turn_count AS turnCount,
  s.tool_call_count AS toolCallCount, s.tool_failure_count AS toolFailureCount, s.api_error_count AS apiErrorCount,
  s.input_tokens AS inputTokens, s.output_tokens AS outputTokens, s.cached_input_tokens AS cachedInputTokens,
  s.reasoning_tokens AS reasoningTokens, s.cost_usd AS costUsd, s.updated_at AS updatedAt,
  (SELECT group_concat(kind) FROM (SELECT DISTINCT kind FROM turn_signals WHERE session_id = s.id ORDER BY kind)) AS signalKinds,
  ${LABELED_TURNS} AS labeledTurns, ${BAD_TURNS} AS badTurns, ${DISAGREEMENTS} AS disagreements,
  ${OTHERS_LABELED} AS othersLabeled, sl.label, sl.note`;

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
  db,
  filter,
  limit,
  before,
  order = { sort: "started_at", order: "desc" },
}: {
  db: Db;
  filter: SessionFilter;
  limit: number;
  before?: SessionKey;
  order?: SessionOrder;
}): (SessionListRow & { sortValue: number | null })[] {
  const { where, params } = sessionFilterSql(filter);
  const expr = SORT_SQL[order.sort];
  const cmp = order.order === "desc" ? "<" : ">";
  const page = before ? `(${expr} ${cmp} @bValue OR (${expr} = @bValue AND s.id ${cmp} @bId))` : "";
  const conditions = [where.replace(/^WHERE /, ""), page].filter(Boolean).join(" AND ");
  const dir = order.order === "desc" ? "DESC" : "ASC";
  // Two steps: the page's ids by the sort alone, then the columns for those rows only. In one step SQLite
  // computes every column (the labeled-turn counts) for every matching row before sorting them.
  return db.$client
    .prepare(
      `WITH page AS (
         SELECT s.id, ${expr} AS sortValue FROM sessions s ${order.sort === "labeled" ? LABEL_COUNTS_JOIN : ""}
         ${conditions ? `WHERE ${conditions}` : ""}
         ORDER BY ${expr} ${dir}, s.id ${dir} LIMIT @limit)
       SELECT ${LIST_COLUMNS}, page.sortValue FROM page JOIN sessions s ON s.id = page.id
       LEFT JOIN labels sl ON sl.target_type = 'session' AND sl.target_id = s.id AND ${viewerLabel("sl")}
       ORDER BY page.sortValue ${dir}, s.id ${dir}`,
    )
    .all({ ...params, limit, bValue: before?.value, bId: before?.id }) as (SessionListRow & {
    sortValue: number | null;
  })[];
}

export function countSessions({ db, filter }: { db: Db; filter: SessionFilter }): number {
  const { where, params } = sessionFilterSql(filter);
  return (db.$client.prepare(`SELECT count(*) AS n FROM sessions s ${where}`).get(params) as { n: number }).n;
}

/** A session as the list shows it, its label counts and session label the viewer's (absent: anyone's). */
export function getSessionById({
  db,
  id,
  viewer,
}: {
  db: Db;
  id: string;
  viewer?: string;
}): SessionListRow | undefined {
  return db.$client
    .prepare(
      `SELECT ${LIST_COLUMNS} FROM sessions s
       LEFT JOIN labels sl ON sl.target_type = 'session' AND sl.target_id = s.id AND ${viewerLabel("sl")}
       WHERE s.id = @id LIMIT 1`,
    )
    .get({ id, viewer: viewer ?? null }) as SessionListRow | undefined;
}

export function listTurnsBySession({ db, sessionId }: { db: Db; sessionId: string }): Turn[] {
  return db.$client
    .prepare(
      `SELECT id, session_id AS sessionId, turn_index AS "index", key, model, started_at AS startedAt,
         ended_at AS endedAt, has_error AS hasError, has_tool_failure AS hasToolFailure, data
       FROM turns WHERE session_id = ? ORDER BY turn_index`,
    )
    .all(sessionId) as Turn[];
}

export function getTurnById({ db, id }: { db: Db; id: string }): Turn | undefined {
  return db.$client
    .prepare(
      `SELECT id, session_id AS sessionId, turn_index AS "index", key, model, started_at AS startedAt,
         ended_at AS endedAt, has_error AS hasError, has_tool_failure AS hasToolFailure, data FROM turns WHERE id = ?`,
    )
    .get(id) as Turn | undefined;
}

/** In the "others-not-me" queue, only turns someone else labeled (the sessions filter alone keeps sessions). */
const othersOnly = (filter: SessionFilter): string =>
  filter.labelState === "others-not-me" ? `AND ${OTHERS_NOT_ME}` : "";

/**
 * The next unlabeled turn in review order (sessions newest first, turns in order) strictly after the
 * given position, among sessions matching the filter. Walking forward from the last position is what
 * makes one pass never show a turn twice.
 */
export function getNextUnlabeledTurn({
  db,
  filter,
  after,
}: {
  db: Db;
  filter: SessionFilter;
  after?: { startedAt: number; sessionId: string; index: number };
}): { turnId: string; sessionId: string } | undefined {
  const { where, params } = sessionFilterSql(filter);
  const position = after
    ? `AND (s.started_at < @aStarted OR (s.started_at = @aStarted AND (s.id < @aSession
         OR (s.id = @aSession AND t.turn_index > @aIndex))))`
    : "";
  const row = db.$client
    .prepare(
      `SELECT t.id AS turnId, s.id AS sessionId FROM sessions s JOIN turns t ON t.session_id = s.id
       LEFT JOIN labels l ON l.target_type = 'turn' AND l.target_id = t.id AND ${viewerLabel("l")}
       ${where ? `${where} AND` : "WHERE"} (l.label IS NULL) ${othersOnly(filter)} ${position}
       ORDER BY s.started_at DESC, s.id DESC, t.turn_index ASC LIMIT 1`,
    )
    .get({ ...params, aStarted: after?.startedAt, aSession: after?.sessionId, aIndex: after?.index }) as
    { turnId: string; sessionId: string } | undefined;
  return row;
}

export function getTurnPosition({ db, turnId }: { db: Db; turnId: string }): TurnPosition | undefined {
  return db.$client
    .prepare(
      `SELECT coalesce(s.started_at, 0) AS startedAt, s.id AS sessionId, t.turn_index AS "index", t.triage_score AS score
       FROM turns t JOIN sessions s ON s.id = t.session_id WHERE t.id = ?`,
    )
    .get(turnId) as TurnPosition | undefined;
}

export interface TurnPosition {
  startedAt: number;
  sessionId: string;
  index: number;
  /** turns.triage_score */
  score: number;
}

/**
 * The next unlabeled turn in triage order (highest triage_score first, then review order: sessions newest
 * first, turns in order) strictly after the given position. Scores are stored with each build, so the order
 * is a keyset and one pass never shows a turn twice.
 */
export function getNextTriageTurn({
  db,
  filter,
  after,
}: {
  db: Db;
  filter: SessionFilter;
  after?: TurnPosition;
}): { turnId: string; sessionId: string } | undefined {
  const { where, params } = sessionFilterSql(filter);
  const started = "coalesce(s.started_at, 0)";
  const position = after
    ? `AND (t.triage_score < @aScore OR (t.triage_score = @aScore AND (${started} < @aStarted
         OR (${started} = @aStarted AND (s.id < @aSession OR (s.id = @aSession AND t.turn_index > @aIndex))))))`
    : "";
  return db.$client
    .prepare(
      `SELECT t.id AS turnId, s.id AS sessionId FROM sessions s JOIN turns t ON t.session_id = s.id
       LEFT JOIN labels l ON l.target_type = 'turn' AND l.target_id = t.id AND ${viewerLabel("l")}
       ${where ? `${where} AND` : "WHERE"} (l.label IS NULL) ${othersOnly(filter)} ${position}
       ORDER BY t.triage_score DESC, ${started} DESC, s.id DESC, t.turn_index ASC LIMIT 1`,
    )
    .get({
      ...params,
      aScore: after?.score,
      aStarted: after?.startedAt,
      aSession: after?.sessionId,
      aIndex: after?.index,
    }) as { turnId: string; sessionId: string } | undefined;
}

/** Sessions per client (the Connect page's live indicator). */
export function listSessionCountsByClient({ db }: { db: Db }): Map<string, number> {
  const rows = db.$client.prepare("SELECT client, count(*) AS n FROM sessions GROUP BY client").all() as {
    client: string;
    n: number;
  }[];
  return new Map(rows.map((row) => [row.client, row.n]));
}

/**
 * The sessions next to a position in list order (newest first): `older` is the next row down, `newer` the
 * one above. By position, not membership, so it works when the session itself no longer matches the filter.
 */
export function getAdjacentSessionIds({
  db,
  filter,
  position,
}: {
  db: Db;
  filter: SessionFilter;
  position: { startedAt: number; id: string };
}): { newer: string | null; older: string | null } {
  const { where, params } = sessionFilterSql(filter);
  const and = where ? `${where} AND` : "WHERE";
  const pick = (condition: string, order: string): string | null =>
    (
      db.$client
        .prepare(`SELECT s.id FROM sessions s ${and} ${condition} ORDER BY ${order} LIMIT 1`)
        .get({ ...params, pStarted: position.startedAt, pId: position.id }) as { id: string } | undefined
    )?.id ?? null;
  const started = "coalesce(s.started_at, 0)";
  return {
    older: pick(
      `(${started} < @pStarted OR (${started} = @pStarted AND s.id < @pId))`,
      "s.started_at DESC, s.id DESC",
    ),
    newer: pick(
      `(${started} > @pStarted OR (${started} = @pStarted AND s.id > @pId))`,
      "s.started_at ASC, s.id ASC",
    ),
  };
}
