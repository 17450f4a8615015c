// GET /api/sessions: newest first, filtered, full-text searchable, keyset-paged (docs/api.md).
import { db, parseInput, respond } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { toSessionFilter } from "@/lib/sessions/filter";
import { decodeCursor, readSessionPage } from "@/lib/sessions/read";
import { listSessionsQuery } from "./schema";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return respond(() => {
    const query = parseInput(listSessionsQuery, Object.fromEntries(new URL(request.url).searchParams));
    const before = query.before === undefined ? undefined : decodeCursor(query.before);
    if (query.before !== undefined && !before) throw new AppError("bad-request", "before: not a cursor from `next`");
    const filter = toSessionFilter(query);
    if (!filter) return { sessions: [], total: 0, next: null };
    return readSessionPage(db(), filter, query.limit, before);
  });
}
