// Walking the session list's order for the keyboard: the next unlabeled turn (`u`, the review queue) and a
// session's neighbours (`[` / `]`), among the sessions a filter matches (docs/api.md).
import type { Db } from "@/db/client";
import {
  getAdjacentSessionIds,
  getNextTriageTurn,
  getNextUnlabeledTurn,
  getSessionById,
  getTurnPosition,
  type SessionFilter,
} from "@/db/queries/sessions";
import { AppError } from "@/lib/errors";
import type { ReviewNext, SessionNeighbors } from "@/lib/shared/views";

/** The next unlabeled turn in review order (or triage order: likely bad first, docs/api.md) after turn `after`
 * (or from the top); `filter` undefined matches nothing (a search that cannot match). */
export function readReviewNext(
  db: Db,
  filter: SessionFilter | undefined,
  after?: string,
  order: "time" | "triage" = "time",
): ReviewNext {
  if (!filter) return { done: true };
  const position = after === undefined ? undefined : getTurnPosition({ db, turnId: after });
  if (after !== undefined && !position) throw new AppError("not-found", `no turn ${after}`);
  const walk = order === "triage" ? getNextTriageTurn : getNextUnlabeledTurn;
  const next = walk({ db, filter, after: position });
  return next ? { turn_id: next.turnId, session_id: next.sessionId } : { done: true };
}

/** The newer and older session next to `id` in list order. The filter is read only once the session is
 * known (an unknown session is a 404 whatever the query says). */
export function readSessionNeighbors(
  db: Db,
  id: string,
  readFilter: () => SessionFilter | undefined,
): SessionNeighbors {
  const session = getSessionById({ db, id });
  if (!session) throw new AppError("not-found", `no session ${id}`);
  const filter = readFilter();
  if (!filter) return { newer: null, older: null };
  return getAdjacentSessionIds({ db, filter, position: { startedAt: session.startedAt ?? 0, id } });
}
