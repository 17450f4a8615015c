// GET /api/sessions/{id}/find?q=: the ids of every turn matching all terms, in order, loaded by the page or
// not (find in session; docs/api.md).
import { parseInput, respond, store } from "@/lib/api/route";
import { findInSession } from "@/lib/sessions/find";
import { findQuery } from "../schema";

export const dynamic = "force-dynamic";

export function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const { id } = await params;
    const { q } = parseInput(findQuery, Object.fromEntries(new URL(request.url).searchParams));
    return findInSession(store(), id, q);
  });
}
