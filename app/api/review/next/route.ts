// GET /api/review/next?after=<turnId>&order=time|triage&<session filters>: the review queue's next unlabeled
// turn, in time order or triage order (likely bad first; docs/api.md).
import { z } from "zod";
import { getNextTriageTurn, getNextUnlabeledTurn, getTurnPosition } from "@/db/queries/sessions";
import { db, parseInput, respond } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { sessionFilterQuery, toSessionFilter } from "@/lib/sessions/filter";

export const dynamic = "force-dynamic";

const query = sessionFilterQuery.extend({
  after: z.string().max(100).optional(),
  order: z.enum(["time", "triage"]).default("time"),
});

export function GET(request: Request): Promise<Response> {
  return respond(() => {
    const input = parseInput(query, Object.fromEntries(new URL(request.url).searchParams));
    const filter = toSessionFilter(input);
    if (!filter) return { done: true };
    const after = input.after === undefined ? undefined : getTurnPosition({ db: db(), turnId: input.after });
    if (input.after !== undefined && !after) throw new AppError("not-found", `no turn ${input.after}`);
    const walk = input.order === "triage" ? getNextTriageTurn : getNextUnlabeledTurn;
    const next = walk({ db: db(), filter, after });
    return next ? { turn_id: next.turnId, session_id: next.sessionId } : { done: true };
  });
}
