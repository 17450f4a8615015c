// GET /api/sessions/{id}: the session and every turn with its fields; `?view=outline[&turn=<id>]`: the session,
// a light outline of every turn and full turns around `turn` only (the session page; docs/api.md).
import { parseInput, respond, store } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { readSessionOutline } from "@/lib/sessions/outline";
import { readSessionDetail } from "@/lib/sessions/read";
import { viewerOf } from "@/lib/users/current";
import { sessionDetailQuery } from "./schema";

export const dynamic = "force-dynamic";

export function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const { id } = await params;
    const query = parseInput(sessionDetailQuery, Object.fromEntries(new URL(request.url).searchParams));
    const viewer = viewerOf(request);
    if (query.view === "outline") return readSessionOutline(store(), id, query.turn, viewer);
    const detail = await readSessionDetail(store(), id, viewer);
    if (!detail) throw new AppError("not-found", `no session ${id}`);
    return detail;
  });
}
