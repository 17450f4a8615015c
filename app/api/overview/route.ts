// GET /api/overview: every Overview panel for one scope (docs/overview.md).
import { parseInput, respond, store } from "@/lib/api/route";
import { getConfig } from "@/lib/config";
import { readOverview } from "@/lib/overview/read";
import { journalsOf } from "@/lib/journals/journals";
import { viewerOf } from "@/lib/users/current";
import { overviewQuery } from "./schema";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return respond(() =>
    readOverview(
      store(),
      parseInput(overviewQuery, Object.fromEntries(new URL(request.url).searchParams)),
      Date.now(),
      journalsOf(getConfig().dataDir).reasons.current(),
      viewerOf(request),
    ),
  );
}
