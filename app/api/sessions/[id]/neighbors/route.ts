// GET /api/sessions/{id}/neighbors?<session filters>: the newer and older session in list order (for `[`/`]`).
import { getAdjacentSessionIds, getSessionById } from "@/db/queries/sessions";
import { db, parseInput, respond } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { sessionFilterQuery, toSessionFilter } from "@/lib/sessions/filter";

export const dynamic = "force-dynamic";

export function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const { id } = await params;
    const session = getSessionById({ db: db(), id });
    if (!session) throw new AppError("not-found", `no session ${id}`);
    const filter = toSessionFilter(parseInput(sessionFilterQuery, Object.fromEntries(new URL(request.url).searchParams)));
    if (!filter) return { newer: null, older: null };
    return getAdjacentSessionIds({ db: db(), filter, position: { startedAt: session.startedAt ?? 0, id } });
  });
}
