// GET /api/sessions: sorted (newest first by default), filtered, full-text searchable with where it matched,
// keyset-paged (docs/api.md).
import { parseInput, respond, store } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { toSessionFilter } from "@/lib/sessions/filter";
import { decodeCursor, readSessionPage } from "@/lib/sessions/read";
import { viewerOf } from "@/lib/users/current";
import { listSessionsQuery } from "./schema";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return respond(() => {
    const query = parseInput(listSessionsQuery, Object.fromEntries(new URL(request.url).searchParams));
    const order = { sort: query.sort, order: query.order };
    const before = query.before === undefined ? undefined : decodeCursor(query.before, order);
    if (query.before !== undefined && !before) {
      throw new AppError(
        "bad-request",
        "before: not a cursor from `next` of a page with this sort and order",
      );
    }
    const filter = toSessionFilter(query, viewerOf(request));
    if (!filter) return { sessions: [], total: 0, next: null };
    return readSessionPage(store(), filter, query.limit, before, order);
  });
}
