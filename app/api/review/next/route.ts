// GET /api/review/next?after=<turnId>&<session filters>: the review queue's next unlabeled turn (docs/api.md).
import { z } from "zod";
import { getNextUnlabeledTurn, getTurnPosition } from "@/db/queries/sessions";
import { db, parseInput, respond } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { sessionFilterQuery, toSessionFilter } from "@/lib/sessions/filter";

export const dynamic = "force-dynamic";

const query = sessionFilterQuery.extend({ after: z.string().max(100).optional() });

export function GET(request: Request): Promise<Response> {
  return respond(() => {
    const input = parseInput(query, Object.fromEntries(new URL(request.url).searchParams));
    const filter = toSessionFilter(input);
    if (!filter) return { done: true };
    const after = input.after === undefined ? undefined : getTurnPosition({ db: db(), turnId: input.after });
    if (input.after !== undefined && !after) throw new AppError("not-found", `no turn ${input.after}`);
    const next = getNextUnlabeledTurn({ db: db(), filter, after });
    return next ? { turn_id: next.turnId, session_id: next.sessionId } : { done: true };
  });
}
