// The session filter as SQL over sessions aliased `s`: the list, the review queue and the neighbours read it,
// and the Overview and agreement panels read its engine-neutral part (scopeFilterSql). Where the engines' SQL
// differs (JSON arrays, full-text search, the planner hint of the label counts) it asks db/dialect.ts.
import type { LabelState } from "@/lib/shared/labels";
import { fragmentsOf, type Fragments } from "../dialect";
import type { Dialect } from "../store";
import { OTHERS_NOT_ME, viewerLabel } from "./label-sql";
import { sessionMatches } from "./search";

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

/** The part of a filter both engines write alike (the Overview's scope). */
export type ScopeFilter = Pick<SessionFilter, "client" | "since" | "until" | "viewer">;

export interface FilterSql {
  where: string;
  params: Record<string, unknown>;
}

// CROSS JOIN (SQLite) keeps the session's turns as the outer loop: without it the planner may walk every turn
// label for each session (2.4 s for a 50-row page with 14k labels; 2 ms this way).
export const labeledTurnsOf = (sql: Fragments): string =>
  `(SELECT count(*) FROM turns t ${sql.outerLoopJoin} labels l ON l.target_type = 'turn' AND l.target_id = t.id
  AND l.label IS NOT NULL AND ${viewerLabel("l")} WHERE t.session_id = s.id)`;
export const badTurnsOf = (sql: Fragments): string =>
  `(SELECT count(*) FROM turns t ${sql.outerLoopJoin} labels l ON l.target_type = 'turn' AND l.target_id = t.id
  AND l.label = 'bad' AND ${viewerLabel("l")} WHERE t.session_id = s.id)`;

function labelStateSql(state: LabelState, sql: Fragments): string {
  switch (state) {
    case "unlabeled":
      return `${labeledTurnsOf(sql)} = 0`;
    case "partly":
      return `${labeledTurnsOf(sql)} BETWEEN 1 AND s.turn_count - 1`;
    case "done":
      return `${labeledTurnsOf(sql)} >= s.turn_count`;
    case "has-bad":
      return `${badTurnsOf(sql)} > 0`;
    case "others-not-me":
      return `EXISTS (SELECT 1 FROM turns t WHERE t.session_id = s.id AND ${OTHERS_NOT_ME})`;
  }
}

/** SQL conditions for a filter, over sessions aliased `s`, in the engine's SQL. */
export function sessionFilterSql(filter: SessionFilter, dialect: Dialect): FilterSql {
  const sql = fragmentsOf(dialect);
  const clauses: string[] = [];
  const params: Record<string, unknown> = { viewer: filter.viewer ?? null };
  if (filter.client) {
    clauses.push("s.client = @client");
    params.client = filter.client;
  }
  if (filter.model) {
    clauses.push(sql.jsonArrayHas("s.models", "@model"));
    params.model = filter.model;
  }
  if (filter.hasErrors !== undefined) {
    // a comparison, not `(… > 0) = 1`: Postgres compares no boolean with a number
    clauses.push(`s.api_error_count + s.tool_failure_count ${filter.hasErrors ? ">" : "<="} 0`);
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
    const match = sessionMatches(dialect, filter.q);
    clauses.push(match.sql);
    params.q = match.q;
  }
  if (filter.labelState) clauses.push(labelStateSql(filter.labelState, sql));
  if (filter.reason) {
    clauses.push(`EXISTS (SELECT 1 FROM turns t JOIN labels l ON l.target_type = 'turn' AND l.target_id = t.id
      AND ${viewerLabel("l")} WHERE t.session_id = s.id AND ${sql.jsonArrayHas("l.reasons", "@reason")})`);
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

/** The scope's conditions: the same SQL on both engines (client and start time only). */
export function scopeFilterSql(filter: ScopeFilter): FilterSql {
  const { client, since, until, viewer } = filter;
  return sessionFilterSql({ client, since, until, viewer }, "sqlite");
}
