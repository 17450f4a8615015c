// Setting a person's label, note, reasons or correction on a turn or a session: validate the target and the
// reason ids, journal, store, notify open tabs. Each person changes only their own label (`user`).
import {
  adoptLabelByTarget,
  getLabelByTarget,
  getLabelTargetSession,
  saveLabelByTarget,
  type LabelFields,
  type LabelTarget,
} from "@/db/queries/labels";
import type { Store } from "@/db/store";
import { hasPeople } from "@/lib/users/identity";
import { AppError } from "@/lib/errors";
import { publish } from "@/lib/events";
import { journalsOf } from "@/lib/journals/journals";
import { toLabelView } from "@/lib/sessions/read";
import type { LabelChange, SavedLabel } from "@/lib/shared/labels";

/**
 * Reason ids must name reasons of the current vocabulary, or already be on the target (a reason removed from
 * the vocabulary stays where it was, and the turn's other reasons can still change); duplicates are dropped.
 */
function checkReasons(dataDir: string, reasons: string[], kept: string[]): string[] {
  const vocabulary = journalsOf(dataDir).reasons.current();
  const known = new Set([...vocabulary.map((reason) => reason.id), ...kept]);
  const unknown = reasons.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new AppError(
      "bad-request",
      `reasons: unknown reason id ${unknown.map((id) => JSON.stringify(id)).join(", ")} (GET /api/reasons lists them)`,
    );
  }
  return [...new Set(reasons)];
}

export async function setLabel(options: {
  store: Store;
  dataDir: string;
  user: string;
  targetType: LabelTarget;
  targetId: string;
  change: LabelChange;
}): Promise<SavedLabel> {
  const { store, targetType, targetId, change } = options;
  const sessionId = await getLabelTargetSession({ store, targetType, targetId });
  if (!sessionId) throw new AppError("not-found", `no ${targetType} ${targetId}`);
  const fields: LabelFields = { ...change };
  if (change.reasons !== undefined) {
    const stored =
      (await getLabelByTarget({ store, targetType, targetId, author: options.user }))?.reasons ?? [];
    fields.reasons = checkReasons(options.dataDir, change.reasons, stored);
  }
  const at = Date.now();
  const entry = {
    v: 1 as const,
    at,
    by: options.user,
    target_type: targetType,
    target_id: targetId,
    ...fields,
  };
  const solo = !hasPeople(options.dataDir);
  const row = await journalsOf(options.dataDir).labels.record(store, entry, async (tx) => {
    if (solo) await adoptLabelByTarget({ store: tx, targetType, targetId, author: options.user });
    return saveLabelByTarget({
      store: tx,
      targetType,
      targetId,
      fields,
      labeledBy: options.user,
      labeledAt: at,
    });
  });
  const view = toLabelView(row);
  publish({
    type: "label",
    targetType,
    targetId,
    sessionId,
    version: row.version,
    view,
    author: options.user,
  });
  return { ...view, session_id: sessionId };
}
