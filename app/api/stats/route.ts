// GET /api/stats: index totals and the ingest pipeline's live state (docs/api.md). `?settle=1` first waits
// until everything acknowledged is indexed and grouped.
import { respond, store } from "@/lib/api/route";
import { readStats } from "@/lib/stats";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return respond(() => readStats(store(), { settle: new URL(request.url).searchParams.has("settle") }));
}
