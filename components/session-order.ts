// The list's order, newest first with ties by id descending (db/queries/sessions.ts listSessions), for
// merging pages and for finding a session's neighbours.
import type { SessionSummary } from "@/lib/sessions/read";
import { listSessions } from "./api";

type Position = Pick<SessionSummary, "id" | "started_at">;

const startedMs = (session: Position): number => (session.started_at ? Date.parse(session.started_at) : 0);

export function isOlder(a: Position, b: Position): boolean {
  const ta = startedMs(a);
  const tb = startedMs(b);
  return ta < tb || (ta === tb && a.id < b.id);
}

/** Enough for tens of thousands of sessions; past that `]` gives up rather than page forever. */
const PAGE_SIZE = 500;
const MAX_PAGES = 40;

/**
 * The session next to `current` in the filtered list: "older" is the next row down, "newer" the one above.
 * Found by position, not membership, so it works even when `current` no longer matches the filter (e.g.
 * "unlabeled" after labeling it).
 */
export async function findAdjacentSession(current: Position, direction: "older" | "newer", filter: URLSearchParams): Promise<string | null> {
  let before: string | null = null;
  let newer: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = new URLSearchParams(filter);
    query.set("limit", String(PAGE_SIZE));
    if (before) query.set("before", before);
    const result = await listSessions(query);
    for (const session of result.sessions) {
      if (session.id === current.id) continue;
      if (isOlder(session, current)) return direction === "older" ? session.id : newer;
      newer = session.id;
    }
    if (!result.next) break;
    before = result.next;
  }
  return direction === "older" ? null : newer;
}
