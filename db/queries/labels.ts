// Labels, notes, reasons and corrections on turns and sessions: user data, one row per target and author
// (`labeled_by`), upserted per field so concurrent edits of one field never overwrite another (last write wins
// per field). The export's reads are in export-rows.ts; the reads by target serve the session reads.
import type { Label, LabelTargetType } from "@/lib/shared/labels";
import { fragmentsOf } from "../dialect";
import type { Store } from "../store";

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

/** One author's labels on the given targets, by target id (author absent: the latest change of anyone's). */
export async function listLabelsByTargets({
  store,
  targetType,
  targetIds,
  author,
}: {
  store: Store;
  targetType: LabelTarget;
  targetIds: string[];
  author?: string;
}): Promise<Map<string, LabelRow>> {
  const rows = await listAllLabelsByTargets({ store, targetType, targetIds });
  return new Map(
    rows.filter((row) => author === undefined || row.labeledBy === author).map((row) => [row.targetId, row]),
  );
}

/** Every author's labels on the given targets, oldest change first. */
export async function listAllLabelsByTargets({
  store,
  targetType,
  targetIds,
}: {
  store: Store;
  targetType: LabelTarget;
  targetIds: string[];
}): Promise<LabelRow[]> {
  if (targetIds.length === 0) return [];
  const rows = await store.all<StoredLabelRow>(
    `SELECT ${COLUMNS} FROM labels WHERE target_type = ? AND target_id IN (${fragmentsOf(store.dialect).jsonValues("?")})
       ORDER BY labeled_at, labeled_by, target_id`,
    [targetType, JSON.stringify(targetIds)],
  );
  return rows.map(toLabelRow);
}

export interface LabelKey {
  targetType: LabelTarget;
  targetId: string;
  author: string;
}

/** Every label row's key in the index (to check that the journal holds each of them). */
export function listLabelTargets({ store }: { store: Store }): Promise<LabelKey[]> {
  return store.all<LabelKey>(
    "SELECT target_type AS targetType, target_id AS targetId, labeled_by AS author FROM labels ORDER BY 1, 2, 3",
  );
}

/** Everyone who has a label row, with how many (for the people list and the export's choices). */
export function listLabelAuthors({ store }: { store: Store }): Promise<{ author: string; labels: number }[]> {
  return store.all(
    `SELECT labeled_by AS author, count(*) AS labels FROM labels WHERE label IS NOT NULL
     GROUP BY labeled_by ORDER BY labeled_by`,
  );
}

/** The session a label target is in (the turn's session, or the session itself); undefined when none. */
export async function getLabelTargetSession({
  store,
  targetType,
  targetId,
}: Omit<LabelKey, "author"> & { store: Store }): Promise<string | undefined> {
  const row = await store.get<{ sessionId: string }>(
    targetType === "turn"
      ? "SELECT session_id AS sessionId FROM turns WHERE id = ?"
      : "SELECT id AS sessionId FROM sessions WHERE id = ?",
    [targetId],
  );
  return row?.sessionId;
}

/** The author's label on a target (author absent: the latest change of anyone's). */
export async function getLabelByTarget({
  store,
  targetType,
  targetId,
  author,
}: Omit<LabelKey, "author"> & { store: Store; author?: string }): Promise<LabelRow | undefined> {
  const row = await store.get<StoredLabelRow>(
    `SELECT ${COLUMNS} FROM labels WHERE target_type = @targetType AND target_id = @targetId
       AND labeled_by = coalesce(@author, labeled_by) ORDER BY labeled_at DESC LIMIT 1`,
    { targetType, targetId, author: author ?? null },
  );
  return row ? toLabelRow(row) : undefined;
}

/**
 * One person's store (nobody added, docs/team.md "People") keeps one label per target, as before there were
 * people: a change by another name (TRACEMARK_USER changed) takes the target's row over instead of adding one.
 */
export async function adoptLabelByTarget({
  store,
  targetType,
  targetId,
  author,
}: LabelKey & { store: Store }): Promise<void> {
  await store.run(
    `UPDATE labels SET labeled_by = @author WHERE target_type = @targetType AND target_id = @targetId
       AND NOT EXISTS (SELECT 1 FROM labels m WHERE m.target_type = @targetType AND m.target_id = @targetId
         AND m.labeled_by = @author)`,
    { targetType, targetId, author },
  );
}

/**
 * Sets the given fields (label, note, reasons, correction; one left undefined keeps its stored value) of the
 * author's (`labeledBy`) row on the target and returns the row. `version` increases with every change so clients can drop stale updates.
 */
export async function saveLabelByTarget({
  store,
  targetType,
  targetId,
  fields,
  labeledBy,
  labeledAt,
}: {
  store: Store;
  targetType: LabelTarget;
  targetId: string;
  fields: LabelFields;
  labeledBy: string;
  labeledAt: number;
}): Promise<LabelRow> {
  const { label, note, reasons, correction } = fields;
  // `= 1`: Postgres takes only a boolean after WHEN; the flags are 0/1 on both engines
  const row = await store.get<StoredLabelRow>(
    `INSERT INTO labels (target_type, target_id, label, note, reasons, correction, labeled_by, labeled_at, version)
     VALUES (@targetType, @targetId, @label, coalesce(@note, ''), coalesce(@reasons, '[]'), @correction,
       @labeledBy, @labeledAt, 1)
     ON CONFLICT(target_type, target_id, labeled_by) DO UPDATE SET
       label = CASE WHEN @setLabel = 1 THEN excluded.label ELSE labels.label END,
       note = CASE WHEN @setNote = 1 THEN excluded.note ELSE labels.note END,
       reasons = CASE WHEN @setReasons = 1 THEN excluded.reasons ELSE labels.reasons END,
       correction = CASE WHEN @setCorrection = 1 THEN excluded.correction ELSE labels.correction END,
       labeled_at = excluded.labeled_at, version = labels.version + 1
     RETURNING ${COLUMNS}`,
    {
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
    },
  );
  return toLabelRow(row!);
}
