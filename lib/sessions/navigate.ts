// Walking the session list's order for the keyboard: the next unlabeled turn (`u`, the review queue) and a
// session's neighbours (`[` / `]`), among the sessions a filter matches (docs/api.md).
import { getNextTriageTurn, getNextUnlabeledTurn, getTurnPosition } from "@/db/queries/review";
import type { SessionFilter } from "@/db/queries/session-filter";
import { getAdjacentSessionIds, getSessionById } from "@/db/queries/sessions";
import type { Store } from "@/db/store";
import { AppError } from "@/lib/errors";
import type { ReviewNext, SessionNeighbors } from "@/lib/shared/views";

/** The next unlabeled turn in review order (or triage order: likely bad first, docs/api.md) after turn `after`
 * (or from the top); `filter` undefined matches nothing (a search that cannot match). */
export async function readReviewNext(
  store: Store,
  filter: SessionFilter | undefined,
  after?: string,
  order: "time" | "triage" = "time",
): Promise<ReviewNext> {
  if (!filter) return { done: true };
  const position = after === undefined ? undefined : await getTurnPosition({ store, turnId: after });
  if (after !== undefined && !position) throw new AppError("not-found", `no turn ${after}`);
  const walk = order === "triage" ? getNextTriageTurn : getNextUnlabeledTurn;
  const next = await walk({ store, filter, after: position });
  return next ? { turn_id: next.turnId, session_id: next.sessionId } : { done: true };
}

/** The newer and older session next to `id` in list order. The filter is read only once the session is
 * known (an unknown session is a 404 whatever the query says). */
export async function readSessionNeighbors(
  store: Store,
  id: string,
  readFilter: () => SessionFilter | undefined,
): Promise<SessionNeighbors> {
  const session = await getSessionById({ store, id });
  if (!session) throw new AppError("not-found", `no session ${id}`);
  const filter = readFilter();
  if (!filter) return { newer: null, older: null };
  return getAdjacentSessionIds({ store, filter, position: { startedAt: session.startedAt ?? 0, id } });
}
