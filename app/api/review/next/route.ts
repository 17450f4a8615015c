// GET /api/review/next?after=<turnId>&order=time|triage&<session filters>: the review queue's next unlabeled
// turn, in time order or triage order (likely bad first; docs/api.md).
import { z } from "zod";
import { parseInput, respond, store } from "@/lib/api/route";
import { sessionFilterQuery, toSessionFilter } from "@/lib/sessions/filter";
import { readReviewNext } from "@/lib/sessions/navigate";
import { viewerOf } from "@/lib/users/current";

export const dynamic = "force-dynamic";

const query = sessionFilterQuery.extend({
  after: z.string().max(100).optional(),
  order: z.enum(["time", "triage"]).default("time"),
});

export function GET(request: Request): Promise<Response> {
  return respond(() => {
    const input = parseInput(query, Object.fromEntries(new URL(request.url).searchParams));
    return readReviewNext(store(), toSessionFilter(input, viewerOf(request)), input.after, input.order);
  });
}
