// Labels and notes on turns and sessions: user data, upserted per field so concurrent edits of the label
// and of the note never overwrite each other (last write wins per field).
import type { Label, LabelFilter, LabelTargetType } from "@/lib/shared/labels";
import type { Db } from "../client";

export type LabelTarget = LabelTargetType;

export interface LabelRow {
  targetType: LabelTarget;
  targetId: string;
  label: Label;
  note: string;
  labeledBy: string;
  labeledAt: number;
  version: number;
}

const COLUMNS = `target_type AS targetType, target_id AS targetId, label, note, labeled_by AS labeledBy,
  labeled_at AS labeledAt, version`;

export function listLabelsByTargets({ db, targetType, targetIds }: {
  db: Db;
  targetType: LabelTarget;
  targetIds: string[];
}): Map<string, LabelRow> {
  if (targetIds.length === 0) return new Map();
  const rows = db.$client
    .prepare(`SELECT ${COLUMNS} FROM labels WHERE target_type = ? AND target_id IN (SELECT value FROM json_each(?))`)
    .all(targetType, JSON.stringify(targetIds)) as LabelRow[];
  return new Map(rows.map((row) => [row.targetId, row]));
}

export function getLabelByTarget({ db, targetType, targetId }: { db: Db; targetType: LabelTarget; targetId: string }): LabelRow | undefined {
  return db.$client
    .prepare(`SELECT ${COLUMNS} FROM labels WHERE target_type = ? AND target_id = ?`)
    .get(targetType, targetId) as LabelRow | undefined;
}

/**
 * Sets the label and/or the note (a field left undefined keeps its stored value) and returns the row.
 * `version` increases with every change so clients can drop stale updates.
 */
export function saveLabelByTarget({ db, targetType, targetId, label, note, labeledBy, labeledAt }: {
  db: Db;
  targetType: LabelTarget;
  targetId: string;
  label?: Label;
  note?: string;
  labeledBy: string;
  labeledAt: number;
}): LabelRow {
  return db.$client
    .prepare(
      `INSERT INTO labels (target_type, target_id, label, note, labeled_by, labeled_at, version)
       VALUES (@targetType, @targetId, @label, coalesce(@note, ''), @labeledBy, @labeledAt, 1)
       ON CONFLICT(target_type, target_id) DO UPDATE SET
         label = CASE WHEN @setLabel THEN excluded.label ELSE label END,
         note = CASE WHEN @setNote THEN excluded.note ELSE note END,
         labeled_by = excluded.labeled_by, labeled_at = excluded.labeled_at, version = version + 1
       RETURNING ${COLUMNS}`,
    )
    .get({
      targetType,
      targetId,
      label: label ?? null,
      note: note ?? null,
      setLabel: label !== undefined ? 1 : 0,
      setNote: note !== undefined ? 1 : 0,
      labeledBy,
      labeledAt,
    }) as LabelRow;
}

export interface ExportFilter {
  label: LabelFilter;
  client?: string;
  model?: string;
  since?: number; // epoch ms, on the turn's start
  until?: number;
  sessionIds?: string[];
  hasNote?: boolean;
}

export interface ExportRow {
  turnId: string;
  sessionId: string;
  client: string;
  clientVersion: string | null;
  data: string; // TurnData JSON
  label: Label;
  note: string | null;
  labeledBy: string | null;
  labeledAt: number | null;
  sessionLabel: Label;
  sessionNote: string | null;
}

function exportWhere(filter: ExportFilter): { where: string; params: Record<string, unknown> } {
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
  return { where: clauses.length > 0 ? `WHERE ${clauses.join(" AND ")}` : "", params };
}

const EXPORT_FROM = `FROM turns t JOIN sessions s ON s.id = t.session_id
  LEFT JOIN labels l ON l.target_type = 'turn' AND l.target_id = t.id
  LEFT JOIN labels sl ON sl.target_type = 'session' AND sl.target_id = s.id`;

/** Streams matching turns oldest first (session start, then turn order) without loading them all. */
export function iterateExportRows({ db, filter }: { db: Db; filter: ExportFilter }): IterableIterator<ExportRow> {
  const { where, params } = exportWhere(filter);
  return db.$client
    .prepare(
      `SELECT t.id AS turnId, s.id AS sessionId, s.client, s.client_version AS clientVersion, t.data,
         l.label, l.note, l.labeled_by AS labeledBy, l.labeled_at AS labeledAt,
         sl.label AS sessionLabel, sl.note AS sessionNote
       ${EXPORT_FROM} ${where} ORDER BY s.started_at, s.id, t.turn_index`,
    )
    .iterate(params) as IterableIterator<ExportRow>;
}

export function countExportRows({ db, filter }: { db: Db; filter: ExportFilter }): number {
  const { where, params } = exportWhere(filter);
  return (db.$client.prepare(`SELECT count(*) AS n ${EXPORT_FROM} ${where}`).get(params) as { n: number }).n;
}
