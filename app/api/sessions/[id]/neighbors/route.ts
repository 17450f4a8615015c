// GET /api/sessions/{id}/neighbors?<session filters>: the newer and older session in list order (for `[`/`]`).
import { parseInput, respond, store } from "@/lib/api/route";
import { sessionFilterQuery, toSessionFilter } from "@/lib/sessions/filter";
import { readSessionNeighbors } from "@/lib/sessions/navigate";
import { viewerOf } from "@/lib/users/current";

export const dynamic = "force-dynamic";

export function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const { id } = await params;
    const query = Object.fromEntries(new URL(request.url).searchParams);
    return readSessionNeighbors(store(), id, () =>
      toSessionFilter(parseInput(sessionFilterQuery, query), viewerOf(request)),
    );
  });
}
