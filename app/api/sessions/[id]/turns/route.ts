// GET /api/sessions/{id}/turns?from=&to=: full turns at positions [from, to) (at most MAX_TURN_RANGE), for the
// session page's ranges as the reader moves (docs/api.md).
import { parseInput, respond, store } from "@/lib/api/route";
import { readTurnRange } from "@/lib/sessions/outline";
import { viewerOf } from "@/lib/users/current";
import { turnRangeQuery } from "../schema";

export const dynamic = "force-dynamic";

export function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const { id } = await params;
    const { from, to } = parseInput(turnRangeQuery, Object.fromEntries(new URL(request.url).searchParams));
    return readTurnRange(store(), id, from, to, viewerOf(request));
  });
}
