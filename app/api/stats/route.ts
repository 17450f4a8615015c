// GET /api/stats: index totals and the ingest pipeline's live state (docs/api.md).
import { getIndexTotals } from "@/db/queries/records";
import { db, respond } from "@/lib/api/route";
import { getRuntime } from "@/lib/runtime";

export const dynamic = "force-dynamic";

export function GET(): Promise<Response> {
  return respond(() => {
    const status = getRuntime()?.status();
    return {
      ...getIndexTotals({ db: db() }),
      archive_bytes: status?.archiveBytes ?? null,
      index_backlog: status?.indexBacklog ?? 0,
      sessions_pending: status?.sessionsPending ?? 0,
      archive_error: status?.archiveError ?? null,
    };
  });
}
