// The review queue's walk over turns (GET /api/review/next): the next unlabeled turn in review order or in
// triage order, among the sessions a filter matches, strictly after a position, on either engine.
import { fragmentsOf } from "../dialect";
import type { Store } from "../store";
import { OTHERS_NOT_ME, viewerLabel } from "./label-sql";
import { sessionFilterSql, type SessionFilter } from "./session-filter";

export interface TurnPosition {
  startedAt: number;
  sessionId: string;
  index: number;
  /** turns.triage_score */
  score: number;
}

export interface ReviewTurn {
  turnId: string;
  sessionId: string;
}

/** In the "others-not-me" queue, only turns someone else labeled (the sessions filter alone keeps sessions). */
const othersOnly = (filter: SessionFilter): string =>
  filter.labelState === "others-not-me" ? `AND ${OTHERS_NOT_ME}` : "";

/** The unlabeled turns of the filter's sessions, after `position` (SQL over `s`, `t`), in `order`. */
function nextTurnSql(store: Store, filter: SessionFilter, position: string, order: string) {
  const { where, params } = sessionFilterSql(filter, store.dialect);
  return {
    sql: `SELECT t.id AS turnId, s.id AS sessionId FROM sessions s JOIN turns t ON t.session_id = s.id
       LEFT JOIN labels l ON l.target_type = 'turn' AND l.target_id = t.id AND ${viewerLabel("l")}
       ${where ? `${where} AND` : "WHERE"} (l.label IS NULL) ${othersOnly(filter)} ${position}
       ORDER BY ${order} LIMIT 1`,
    params,
  };
}

/**
 * The next unlabeled turn in review order (sessions newest first, turns in order) strictly after the
 * given position, among sessions matching the filter. Walking forward from the last position is what
 * makes one pass never show a turn twice.
 */
export function getNextUnlabeledTurn({
  store,
  filter,
  after,
}: {
  store: Store;
  filter: SessionFilter;
  after?: { startedAt: number; sessionId: string; index: number };
}): Promise<ReviewTurn | undefined> {
  const position = after
    ? `AND (s.started_at < @aStarted OR (s.started_at = @aStarted AND (s.id < @aSession
         OR (s.id = @aSession AND t.turn_index > @aIndex))))`
    : "";
  const order = `s.started_at ${fragmentsOf(store.dialect).direction("DESC")}, s.id DESC, t.turn_index ASC`;
  const { sql, params } = nextTurnSql(store, filter, position, order);
  return store.get(sql, {
    ...params,
    aStarted: after?.startedAt ?? null,
    aSession: after?.sessionId ?? null,
    aIndex: after?.index ?? null,
  });
}

export function getTurnPosition({
  store,
  turnId,
}: {
  store: Store;
  turnId: string;
}): Promise<TurnPosition | undefined> {
  return store.get(
    `SELECT coalesce(s.started_at, 0) AS startedAt, s.id AS sessionId, t.turn_index AS "index", t.triage_score AS score
       FROM turns t JOIN sessions s ON s.id = t.session_id WHERE t.id = ?`,
    [turnId],
  );
}

/**
 * The next unlabeled turn in triage order (highest triage_score first, then review order: sessions newest
 * first, turns in order) strictly after the given position. Scores are stored with each build, so the order
 * is a keyset and one pass never shows a turn twice.
 */
export function getNextTriageTurn({
  store,
  filter,
  after,
}: {
  store: Store;
  filter: SessionFilter;
  after?: TurnPosition;
}): Promise<ReviewTurn | undefined> {
  const started = "coalesce(s.started_at, 0)";
  const position = after
    ? `AND (t.triage_score < @aScore OR (t.triage_score = @aScore AND (${started} < @aStarted
         OR (${started} = @aStarted AND (s.id < @aSession OR (s.id = @aSession AND t.turn_index > @aIndex))))))`
    : "";
  const order = `t.triage_score DESC, ${started} DESC, s.id DESC, t.turn_index ASC`;
  const { sql, params } = nextTurnSql(store, filter, position, order);
  return store.get(sql, {
    ...params,
    aScore: after?.score ?? null,
    aStarted: after?.startedAt ?? null,
    aSession: after?.sessionId ?? null,
    aIndex: after?.index ?? null,
  });
}
