// Find in a session over every turn, loaded by the page or not (docs/api.md "GET /api/sessions/{id}/find"):
// SQLite narrows the turns to those whose stored JSON holds every term, JavaScript then checks the same rule
// the reader expects (lib/shared/find.ts) on the text a reader sees, so ids and JSON keys never match.
import type { Db } from "@/db/client";
import { listLabelsByTargets } from "@/db/queries/labels";
import { getSessionById } from "@/db/queries/sessions";
import { listTurnIdsBySession, listTurnsContaining } from "@/db/queries/session-turns";
import { AppError } from "@/lib/errors";
import { findableText, findTerms, jsonNeedle, matchesTerms, type FindableTurn } from "@/lib/shared/find";
import type { SessionFind } from "@/lib/shared/session-outline";

export function findInSession(db: Db, id: string, q: string): SessionFind {
  const terms = findTerms(q);
  return db.$client.transaction(() => {
    if (!getSessionById({ db, id })) throw new AppError("not-found", `no session ${id}`);
    const ids = listTurnIdsBySession({ db, sessionId: id });
    const notes = new Map(
      [...listLabelsByTargets({ db, targetType: "turn", targetIds: ids })]
        .filter(([, label]) => label.note !== "")
        .map(([turnId, label]) => [turnId, label.note]),
    );
    const needles = terms.map(jsonNeedle).filter((needle): needle is string => needle !== null);
    const candidates = listTurnsContaining({ db, sessionId: id, needles, alsoIds: [...notes.keys()] });
    const turnIds = candidates
      .filter((turn) =>
        matchesTerms(findableText(JSON.parse(turn.data) as FindableTurn, notes.get(turn.id) ?? ""), terms),
      )
      .map((turn) => turn.id);
    return { q, terms, turn_ids: turnIds };
  })();
}
