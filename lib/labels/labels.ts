// Setting a label, note, reasons or correction on a turn or a session: validate the target and the reason
// ids, journal, store, notify open tabs.
import type { Db } from "@/db/client";
import { saveLabelByTarget, type LabelFields, type LabelTarget } from "@/db/queries/labels";
import { getSessionById, getTurnById } from "@/db/queries/sessions";
import { AppError } from "@/lib/errors";
import { publish } from "@/lib/events";
import { toLabelView, type LabelView } from "@/lib/sessions/read";
import { readReasons } from "@/lib/reasons/store";
import { appendJournal } from "./journal";

export type LabelChange = LabelFields;

/** Reason ids must name reasons of the current vocabulary; duplicates are dropped, order kept. */
function checkReasons(dataDir: string, reasons: string[] | undefined): string[] | undefined {
  if (reasons === undefined) return undefined;
  const known = new Set(readReasons(dataDir).map((reason) => reason.id));
  const unknown = reasons.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new AppError("bad-request", `reasons: unknown reason id ${unknown.map((id) => JSON.stringify(id)).join(", ")} (GET /api/reasons lists them)`);
  }
  return [...new Set(reasons)];
}

export function setLabel(options: {
  db: Db;
  dataDir: string;
  user: string;
  targetType: LabelTarget;
  targetId: string;
  change: LabelChange;
}): LabelView & { session_id: string } {
  const { db, targetType, targetId, change } = options;
  const sessionId =
    targetType === "turn" ? getTurnById({ db, id: targetId })?.sessionId : getSessionById({ db, id: targetId })?.id;
  if (!sessionId) throw new AppError("not-found", `no ${targetType} ${targetId}`);
  const fields: LabelFields = { ...change };
  if (change.reasons !== undefined) fields.reasons = checkReasons(options.dataDir, change.reasons);
  const at = Date.now();
  appendJournal(options.dataDir, { v: 1, at, by: options.user, target_type: targetType, target_id: targetId, ...fields });
  const row = saveLabelByTarget({ db, targetType, targetId, fields, labeledBy: options.user, labeledAt: at });
  const view = toLabelView(row);
  publish({ type: "label", targetType, targetId, sessionId, version: row.version, view });
  return { ...view, session_id: sessionId };
}
