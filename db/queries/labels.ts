// Labels and notes on turns and sessions: user data, upserted per field so concurrent edits of the label
// and of the note never overwrite each other (last write wins per field).
import type { Db } from "../client";

export type LabelTarget = "turn" | "session";

export interface LabelRow {
  targetType: LabelTarget;
  targetId: string;
  label: "good" | "bad" | null;
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
  label?: "good" | "bad" | null;
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
