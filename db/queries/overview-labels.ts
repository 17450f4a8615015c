// The Overview's label aggregates (scoped as in overview.ts): turn labels per day, labeled turns and reasons
// per client, model and tool. Shaping, and which reasons count as bad, is lib/overview's job.
import { fragmentsOf } from "../dialect";
import type { Store } from "../store";
import { viewerLabel } from "./label-sql";
import { COUNT_OF, DAY, scoped, type OverviewScope } from "./overview";

/** Labeled turns, found from the labels (usually a small share of the turns) rather than by scanning turns. */
const LABELED_TURNS = `labels l JOIN turns t ON t.id = l.target_id JOIN sessions s ON s.id = t.session_id`;
const IS_TURN_LABEL = `l.target_type = 'turn' AND l.label IS NOT NULL AND ${viewerLabel("l")}`;

export interface LabelDayRow {
  day: number | null;
  good: number;
  bad: number;
}

/** Good and bad turn labels per session day (session labels are not counted; the rest of the turns are unlabeled). */
export function listTurnLabelsByDay({
  store,
  scope,
}: {
  store: Store;
  scope: OverviewScope;
}): Promise<LabelDayRow[]> {
  const { where, params } = scoped(scope, IS_TURN_LABEL);
  return store.all<LabelDayRow>(
    `SELECT ${DAY} AS day, ${COUNT_OF("l.label = 'good'")} AS good, ${COUNT_OF("l.label = 'bad'")} AS bad
       FROM ${LABELED_TURNS} ${where} GROUP BY day ORDER BY day NULLS FIRST`,
    params,
  );
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
  store,
  scope,
}: {
  store: Store;
  scope: OverviewScope;
}): Promise<LabelSplitRow[]> {
  const { where, params } = scoped(scope, IS_TURN_LABEL);
  const counts = `${COUNT_OF("label = 'bad'")} AS bad, ${COUNT_OF("label = 'good'")} AS good`;
  return store.all<LabelSplitRow>(
    `WITH labeled AS MATERIALIZED (SELECT t.id AS turn, s.client, t.model, l.label FROM ${LABELED_TURNS} ${where}),
       turn_tools AS MATERIALIZED (
         SELECT DISTINCT labeled.turn, c.name AS tool, labeled.label
         FROM labeled JOIN tool_calls c ON c.turn_id = labeled.turn)
       SELECT 'client' AS dimension, client AS value, ${counts} FROM labeled GROUP BY client
       UNION ALL
       SELECT 'model', model, ${counts} FROM labeled GROUP BY model
       UNION ALL
       SELECT 'tool', tool, ${counts} FROM turn_tools GROUP BY tool
       ORDER BY dimension, value NULLS FIRST`,
    params,
  );
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
  store,
  scope,
}: {
  store: Store;
  scope: OverviewScope;
}): Promise<ReasonSplitRow[]> {
  const { where, params } = scoped(scope, "l.target_type = 'turn' AND l.reasons <> '[]'");
  const sql = fragmentsOf(store.dialect);
  return store.all<ReasonSplitRow>(
    `WITH tagged AS MATERIALIZED (
         SELECT DISTINCT t.id AS turn, s.client, t.model, r.value AS reason
         FROM ${LABELED_TURNS} ${sql.joinJsonValues("l.reasons", "r")} ${where}),
       turn_tools AS MATERIALIZED (
         SELECT DISTINCT tagged.turn, c.name AS tool, tagged.reason FROM tagged JOIN tool_calls c ON c.turn_id = tagged.turn)
       SELECT 'client' AS dimension, client AS value, reason, count(*) AS turns FROM tagged GROUP BY client, reason
       UNION ALL
       SELECT 'model', model, reason, count(*) FROM tagged GROUP BY model, reason
       UNION ALL
       SELECT 'tool', tool, reason, count(*) FROM turn_tools GROUP BY tool, reason
       ORDER BY dimension, value NULLS FIRST, reason`,
    params,
  );
}
