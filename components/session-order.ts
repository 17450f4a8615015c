// The list's order, newest first with ties by id descending (db/queries/sessions.ts listSessions), for
// merging pages and for finding a session's neighbours.
import type { SessionSummary } from "@/lib/shared/views";
import { getSessionNeighbors } from "./api";

type Position = Pick<SessionSummary, "id" | "started_at">;

const startedMs = (session: Position): number => (session.started_at ? Date.parse(session.started_at) : 0);

export function isOlder(a: Position, b: Position): boolean {
  const ta = startedMs(a);
  const tb = startedMs(b);
  return ta < tb || (ta === tb && a.id < b.id);
}

/**
 * The session next to `current` in the filtered list: "older" is the next row down, "newer" the one above
 * (by position, so it works even when `current` no longer matches the filter, e.g. "unlabeled").
 */
export async function findAdjacentSession(
  current: Position,
  direction: "older" | "newer",
  filter: URLSearchParams,
): Promise<string | null> {
  const neighbors = await getSessionNeighbors(current.id, filter);
  return neighbors[direction];
}
