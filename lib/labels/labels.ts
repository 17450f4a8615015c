// Setting a label or note on a turn or a session: validate the target, journal, store, notify open tabs.
import type { Db } from "@/db/client";
import { saveLabelByTarget, type LabelTarget } from "@/db/queries/labels";
import { getSessionById, getTurnById } from "@/db/queries/sessions";
import { AppError } from "@/lib/errors";
import { publish } from "@/lib/events";
import { toLabelView } from "@/lib/sessions/read";
import type { LabelChange, SavedLabel } from "@/lib/shared/labels";
import { appendJournal } from "./journal";

export function setLabel(options: {
  db: Db;
  dataDir: string;
  user: string;
  targetType: LabelTarget;
  targetId: string;
  change: LabelChange;
}): SavedLabel {
  const { db, targetType, targetId, change } = options;
  const sessionId =
    targetType === "turn" ? getTurnById({ db, id: targetId })?.sessionId : getSessionById({ db, id: targetId })?.id;
  if (!sessionId) throw new AppError("not-found", `no ${targetType} ${targetId}`);
  const at = Date.now();
  appendJournal(options.dataDir, { v: 1, at, by: options.user, target_type: targetType, target_id: targetId, ...change });
  const row = saveLabelByTarget({ db, targetType, targetId, ...change, labeledBy: options.user, labeledAt: at });
  const view = toLabelView(row);
  publish({ type: "label", targetType, targetId, sessionId, version: row.version, view });
  return { ...view, session_id: sessionId };
}
