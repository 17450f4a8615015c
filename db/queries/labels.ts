// Labels, notes, reasons and corrections on turns and sessions: user data, upserted per field so concurrent
// edits of one field never overwrite another (last write wins per field).
import type { Label, LabelFilter, LabelTargetType } from "@/lib/shared/labels";
import type { Db } from "../client";

export type LabelTarget = LabelTargetType;

export interface LabelRow {
  targetType: LabelTarget;
  targetId: string;
  label: Label;
  note: string;
  reasons: string[];
  correction: string | null;
  labeledBy: string;
  labeledAt: number;
  version: number;
}

/** The fields a change may set; a field left undefined keeps its stored value. */
export interface LabelFields {
  label?: Label;
  note?: string;
  reasons?: string[];
  correction?: string | null;
}

const COLUMNS = `target_type AS targetType, target_id AS targetId, label, note, reasons, correction,
  labeled_by AS labeledBy, labeled_at AS labeledAt, version`;

type StoredLabelRow = Omit<LabelRow, "reasons"> & { reasons: string };

const toLabelRow = (row: StoredLabelRow): LabelRow => ({
  ...row,
  reasons: JSON.parse(row.reasons) as string[],
});

export function listLabelsByTargets({
  db,
  targetType,
  targetIds,
}: {
  db: Db;
  targetType: LabelTarget;
  targetIds: string[];
}): Map<string, LabelRow> {
  if (targetIds.length === 0) return new Map();
  const rows = db.$client
    .prepare(
      `SELECT ${COLUMNS} FROM labels WHERE target_type = ? AND target_id IN (SELECT value FROM json_each(?))`,
    )
    .all(targetType, JSON.stringify(targetIds)) as StoredLabelRow[];
  return new Map(rows.map((row) => [row.targetId, toLabelRow(row)]));
}

/** Every labeled target in the index (to check that the journal holds each of them). */
export function listLabelTargets({ db }: { db: Db }): { targetType: LabelTarget; targetId: string }[] {
  return db.$client.prepare("SELECT target_type AS targetType, target_id AS targetId FROM labels").all() as {
    targetType: LabelTarget;
    targetId: string;
  }[];
}

export function getLabelByTarget({
  db,
  targetType,
  targetId,
}: {
  db: Db;
  targetType: LabelTarget;
  targetId: string;
}): LabelRow | undefined {
  const row = db.$client
    .prepare(`SELECT ${COLUMNS} FROM labels WHERE target_type = ? AND target_id = ?`)
    .get(targetType, targetId) as StoredLabelRow | undefined;
  return row ? toLabelRow(row) : undefined;
}

/**
 * Sets the given fields (label, note, reasons, correction; one left undefined keeps its stored value) and
 * returns the row. `version` increases with every change so clients can drop stale updates.
 */
export function saveLabelByTarget({
  db,
  targetType,
  targetId,
  fields,
  labeledBy,
  labeledAt,
}: {
  db: Db;
  targetType: LabelTarget;
  targetId: string;
  fields: LabelFields;
  labeledBy: string;
  labeledAt: number;
}): LabelRow {
  const { label, note, reasons, correction } = fields;
  const row = db.$client
    .prepare(
      `INSERT INTO labels (target_type, target_id, label, note, reasons, correction, labeled_by, labeled_at, version)
       VALUES (@targetType, @targetId, @label, coalesce(@note, ''), coalesce(@reasons, '[]'), @correction,
         @labeledBy, @labeledAt, 1)
       ON CONFLICT(target_type, target_id) DO UPDATE SET
         label = CASE WHEN @setLabel THEN excluded.label ELSE label END,
         note = CASE WHEN @setNote THEN excluded.note ELSE note END,
         reasons = CASE WHEN @setReasons THEN excluded.reasons ELSE reasons END,
         correction = CASE WHEN @setCorrection THEN excluded.correction ELSE correction END,
         labeled_by = excluded.labeled_by, labeled_at = excluded.labeled_at, version = version + 1
       RETURNING ${COLUMNS}`,
    )
    .get({
      targetType,
      targetId,
      label: label ?? null,
      note: note ?? null,
      reasons: reasons === undefined ? null : JSON.stringify(reasons),
      correction: correction ?? null,
      setLabel: label !== undefined ? 1 : 0,
      setNote: note !== undefined ? 1 : 0,
      setReasons: reasons !== undefined ? 1 : 0,
      setCorrection: correction !== undefined ? 1 : 0,
      labeledBy,
      labeledAt,
    }) as StoredLabelRow;
  return toLabelRow(row);
}

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

export function exportWhere(filter: ExportFilter): { where: string; params: Record<string, unknown> } {
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
    clauses.push("s.id IN (SELECT value FROM json_each(@sessionIds))");
    params.sessionIds = JSON.stringify(filter.sessionIds);
  }
  if (filter.hasNote) clauses.push("coalesce(l.note, '') <> ''");
  if (filter.reason) {
    clauses.push("EXISTS (SELECT 1 FROM json_each(l.reasons) WHERE value = @reason)");
    params.reason = filter.reason;
  }
  if (filter.hasCorrection) clauses.push("l.correction IS NOT NULL");
  if (filter.requirePrompt) clauses.push("t.data ->> '$.prompt' IS NOT NULL");
  if (filter.requireCompletion) {
    clauses.push("(t.data ->> '$.response' IS NOT NULL OR json_array_length(t.data, '$.tool_calls') > 0)");
  }
  return { where: clauses.length > 0 ? `WHERE ${clauses.join(" AND ")}` : "", params };
}

export const EXPORT_FROM = `FROM turns t JOIN sessions s ON s.id = t.session_id
  LEFT JOIN labels l ON l.target_type = 'turn' AND l.target_id = t.id
  LEFT JOIN labels sl ON sl.target_type = 'session' AND sl.target_id = s.id`;

export const EXPORT_LABEL_COLUMNS = `l.label, l.note, l.reasons, l.correction, l.labeled_by AS labeledBy,
  l.labeled_at AS labeledAt, sl.label AS sessionLabel, sl.note AS sessionNote`;

/** Streams matching turns oldest first (session start, then turn order) without loading them all. */
export function iterateExportRows({
  db,
  filter,
}: {
  db: Db;
  filter: ExportFilter;
}): IterableIterator<ExportRow> {
  const { where, params } = exportWhere(filter);
  return db.$client
    .prepare(
      `SELECT t.id AS turnId, s.id AS sessionId, s.client, s.client_version AS clientVersion, t.data,
         ${EXPORT_LABEL_COLUMNS}
       ${EXPORT_FROM} ${where} ORDER BY s.started_at, s.id, t.turn_index`,
    )
    .iterate(params) as IterableIterator<ExportRow>;
}

export function countExportRows({ db, filter }: { db: Db; filter: ExportFilter }): number {
  const { where, params } = exportWhere(filter);
  return (db.$client.prepare(`SELECT count(*) AS n ${EXPORT_FROM} ${where}`).get(params) as { n: number }).n;
}
