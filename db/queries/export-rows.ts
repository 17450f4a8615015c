// The export's rows: one per turn (or per turn and author), with the label chosen by the export's annotator
// rule (docs/export-format.md "Annotators"): one person's, the majority, any-bad, or every person's. Read a
// batch of sessions at a time (iterateExportRows), so an export holds one batch in memory on either engine.
import type { AnnotatorRule, Label, LabelFilter } from "@/lib/shared/labels";
import { fragmentsOf } from "../dialect";
import type { Dialect, Store } from "../store";
import { andWhere, withTurnData } from "./export-pages";

export interface ExportFilter {
  label: LabelFilter;
  client?: string;
  model?: string;
  since?: number; // epoch ms, on the turn's start
  until?: number;
  sessionIds?: string[];
  hasNote?: boolean;
  /** Only turns carrying this reason id. */
  reason?: string;
  /** Only turns with a correction. */
  hasCorrection?: boolean;
  /** Only turns with a prompt text (the chat formats have nothing to train on without one). */
  requirePrompt?: boolean;
  /** Only turns with agent output: an answer or a tool call (a preference row needs a completion). */
  requireCompletion?: boolean;
  /** A person's name or a rule; absent: every person's label rows (one per turn when one person labels). */
  annotator?: { person: string } | { rule: AnnotatorRule };
}

export interface ExportRow {
  turnId: string;
  sessionId: string;
  client: string;
  clientVersion: string | null;
  data: string; // TurnData JSON
  label: Label;
  note: string | null;
  reasons: string | null; // JSON array of reason ids; null when the turn has no label row
  correction: string | null;
  labeledBy: string | null;
  labeledAt: number | null;
  sessionLabel: Label;
  sessionNote: string | null;
}

export function exportWhere(
  filter: ExportFilter,
  dialect: Dialect,
): { where: string; params: Record<string, unknown> } {
  const sql = fragmentsOf(dialect);
  const clauses: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.label === "good" || filter.label === "bad") {
    clauses.push("l.label = @label");
    params.label = filter.label;
  }
  if (filter.label === "labeled") clauses.push("l.label IS NOT NULL");
  if (filter.client) {
    clauses.push("s.client = @client");
    params.client = filter.client;
  }
  if (filter.model) {
    clauses.push("t.model = @model");
    params.model = filter.model;
  }
  if (filter.since !== undefined) {
    clauses.push("t.started_at >= @since");
    params.since = filter.since;
  }
  if (filter.until !== undefined) {
    clauses.push("t.started_at < @until");
    params.until = filter.until;
  }
  if (filter.sessionIds && filter.sessionIds.length > 0) {
    clauses.push(`s.id IN (${sql.jsonValues("@sessionIds")})`);
    params.sessionIds = JSON.stringify(filter.sessionIds);
  }
  if (filter.hasNote) clauses.push("coalesce(l.note, '') <> ''");
  if (filter.reason) {
    clauses.push(sql.jsonArrayHas("l.reasons", "@reason"));
    params.reason = filter.reason;
  }
  if (filter.hasCorrection) clauses.push("l.correction IS NOT NULL");
  if (filter.requirePrompt) clauses.push(`${sql.jsonText("t.data", "prompt")} IS NOT NULL`);
  if (filter.requireCompletion) {
    clauses.push(
      `(${sql.jsonText("t.data", "response")} IS NOT NULL OR ${sql.jsonArrayLength("t.data", "tool_calls")} > 0)`,
    );
  }
  if (filter.annotator && "person" in filter.annotator) params.annotator = filter.annotator.person;
  return { where: clauses.length > 0 ? `WHERE ${clauses.join(" AND ")}` : "", params };
}

const count = (value: string): string => `sum(CASE WHEN label = '${value}' THEN 1 ELSE 0 END)`;

/** The verdict a rule gives a target from its people's labels (NULL: none, e.g. a majority tie). */
const OUTCOME: Record<"majority" | "any-bad", string> = {
  majority: `CASE WHEN ${count("good")} > ${count("bad")} THEN 'good' WHEN ${count("bad")} > ${count("good")} THEN 'bad' END`,
  "any-bad": `CASE WHEN ${count("bad")} > 0 THEN 'bad' WHEN ${count("good")} > 0 THEN 'good' END`,
};

/**
 * One row per target with the rule's verdict; note, reasons and correction come from the latest label of a
 * person who gave that verdict (`labeled_by` names them). Window functions: portable to Postgres.
 */
function ruledLabels(rule: "majority" | "any-bad", targetType: "turn" | "session"): string {
  return `(SELECT target_id, label, note, reasons, correction, labeled_by, labeled_at FROM (
    SELECT x.target_id, x.label, x.note, x.reasons, x.correction, x.labeled_by, x.labeled_at,
      ROW_NUMBER() OVER (PARTITION BY x.target_id ORDER BY x.labeled_at DESC, x.labeled_by) AS pick
    FROM labels x JOIN (SELECT target_id, ${OUTCOME[rule]} AS outcome FROM labels
      WHERE target_type = '${targetType}' AND label IS NOT NULL GROUP BY target_id) o
      ON o.target_id = x.target_id AND x.label = o.outcome
    WHERE x.target_type = '${targetType}') ranked WHERE pick = 1)`;
}

/** The FROM clause: turns, their sessions, and the turn and session label the annotator choice gives. */
export function exportFrom(filter: Pick<ExportFilter, "annotator">): string {
  const base = "FROM turns t JOIN sessions s ON s.id = t.session_id";
  const annotator = filter.annotator;
  if (annotator && "rule" in annotator && annotator.rule !== "all") {
    return `${base} LEFT JOIN ${ruledLabels(annotator.rule, "turn")} l ON l.target_id = t.id
      LEFT JOIN ${ruledLabels(annotator.rule, "session")} sl ON sl.target_id = s.id`;
  }
  const person = annotator && "person" in annotator ? "AND l.labeled_by = @annotator" : "";
  const sessionPerson = person ? "AND sl.labeled_by = @annotator" : "AND sl.labeled_by = l.labeled_by";
  return `${base} LEFT JOIN labels l ON l.target_type = 'turn' AND l.target_id = t.id ${person}
    LEFT JOIN labels sl ON sl.target_type = 'session' AND sl.target_id = s.id ${sessionPerson}`;
}

export const EXPORT_LABEL_COLUMNS = `l.label, l.note, l.reasons, l.correction, l.labeled_by AS labeledBy,
  l.labeled_at AS labeledAt, sl.label AS sessionLabel, sl.note AS sessionNote`;

// The export's order: NULL start times first and no label author as '' (where SQLite sorts NULL), the turn id
// breaking a tie of turn indexes.
const ROW_ORDER = "coalesce(s.started_at, -1), s.id, t.turn_index, t.id, coalesce(l.labeled_by, '')";

/** Turns per statement: a batch of whole sessions holding about this many (one session may hold more). */
const BATCH_TURNS = 5_000;

/**
 * The sessions in export order, in batches of about `turns` turns: the rows are read a batch at a time, each
 * batch's turns through the turns_session index, so the whole export is one pass over the matching rows
 * (keyset pages over the rows sorted every matching row again per page: 4× slower on 50,000 turns).
 */
async function* sessionBatches(store: Store, turns: number): AsyncGenerator<string[]> {
  const sessions = await store.all<{ id: string; turns: number }>(
    "SELECT id, turn_count AS turns FROM sessions s ORDER BY coalesce(s.started_at, -1), s.id",
  );
  let batch: string[] = [];
  let held = 0;
  for (const session of sessions) {
    batch.push(session.id);
    held += session.turns;
    if (held >= turns) {
      yield batch;
      batch = [];
      held = 0;
    }
  }
  if (batch.length > 0) yield batch;
}

/** Streams matching turns oldest first (session start, then turn order), a batch of sessions at a time. */
export async function* iterateExportRows({
  store,
  filter,
  batchTurns = BATCH_TURNS,
}: {
  store: Store;
  filter: ExportFilter;
  /** Turns per statement (BATCH_TURNS unless given). */
  batchTurns?: number;
}): AsyncGenerator<ExportRow> {
  const { where, params } = exportWhere(filter, store.dialect);
  const inBatch = `s.id IN (${fragmentsOf(store.dialect).jsonValues("@batch")})`;
  async function* pages(): AsyncGenerator<Omit<ExportRow, "data">[]> {
    for await (const batch of sessionBatches(store, Math.max(1, batchTurns)))
      yield store.all<Omit<ExportRow, "data">>(
        `SELECT t.id AS turnId, s.id AS sessionId, s.client, s.client_version AS clientVersion,
           ${EXPORT_LABEL_COLUMNS}
         ${exportFrom(filter)} ${andWhere(where, inBatch)} ORDER BY ${ROW_ORDER}`,
        { ...params, batch: JSON.stringify(batch) },
      );
  }
  yield* withTurnData(store, pages());
}

export async function countExportRows({
  store,
  filter,
}: {
  store: Store;
  filter: ExportFilter;
}): Promise<number> {
  const { where, params } = exportWhere(filter, store.dialect);
  const row = await store.get<{ n: number }>(`SELECT count(*) AS n ${exportFrom(filter)} ${where}`, params);
  return row?.n ?? 0;
}
