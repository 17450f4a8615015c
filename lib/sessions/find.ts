// Find in a session over every turn, loaded by the page or not (docs/api.md "GET /api/sessions/{id}/find"):
// SQLite narrows the turns to those whose stored JSON holds every term, JavaScript then checks the same rule
// the reader expects (lib/shared/find.ts) on the text a reader sees, so ids and JSON keys never match.
import { listLabelsByTargets } from "@/db/queries/labels";
import { getSessionById } from "@/db/queries/sessions";
import { listTurnIdsBySession, listTurnsContaining } from "@/db/queries/session-turns";
import type { Store } from "@/db/store";
import { AppError } from "@/lib/errors";
import { findableText, findTerms, jsonNeedle, matchesTerms, type FindableTurn } from "@/lib/shared/find";
import type { SessionFind } from "@/lib/shared/session-outline";

export function findInSession(store: Store, id: string, q: string): Promise<SessionFind> {
  const terms = findTerms(q);
  // one snapshot: the turns and their notes as of one moment (a build may land meanwhile)
  return store.transaction(
    async (tx) => {
      if (!(await getSessionById({ store: tx, id }))) throw new AppError("not-found", `no session ${id}`);
      const ids = await listTurnIdsBySession({ store: tx, sessionId: id });
      const labels = await listLabelsByTargets({ store: tx, targetType: "turn", targetIds: ids });
      const notes = new Map(
        [...labels].filter(([, label]) => label.note !== "").map(([turnId, label]) => [turnId, label.note]),
      );
      const needles = terms.map(jsonNeedle).filter((needle): needle is string => needle !== null);
      const alsoIds = [...notes.keys()];
      const candidates = await listTurnsContaining({ store: tx, sessionId: id, needles, alsoIds });
      const turnIds = candidates
        .filter((turn) =>
          matchesTerms(findableText(JSON.parse(turn.data) as FindableTurn, notes.get(turn.id) ?? ""), terms),
        )
        .map((turn) => turn.id);
      return { q, terms, turn_ids: turnIds };
    },
    { snapshot: true },
  );
}
