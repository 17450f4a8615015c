// GET /api/overview: every Overview panel for one scope (docs/overview.md).
import { db, parseInput, respond } from "@/lib/api/route";
import { readOverview } from "@/lib/overview/read";
import { overviewQuery } from "./schema";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return respond(() =>
    readOverview(db(), parseInput(overviewQuery, Object.fromEntries(new URL(request.url).searchParams))),
  );
}
