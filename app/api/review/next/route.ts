// GET /api/review/next?after=<turnId>&<session filters>: the review queue's next unlabeled turn (docs/api.md).
import { z } from "zod";
import { db, parseInput, respond } from "@/lib/api/route";
import { sessionFilterQuery, toSessionFilter } from "@/lib/sessions/filter";
import { readReviewNext } from "@/lib/sessions/navigate";

export const dynamic = "force-dynamic";

const query = sessionFilterQuery.extend({ after: z.string().max(100).optional() });

export function GET(request: Request): Promise<Response> {
  return respond(() => {
    const input = parseInput(query, Object.fromEntries(new URL(request.url).searchParams));
    return readReviewNext(db(), toSessionFilter(input), input.after);
  });
}
