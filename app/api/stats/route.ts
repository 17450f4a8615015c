// GET /api/stats: index totals and the ingest pipeline's live state (docs/api.md).
import { getIndexTotals } from "@/db/queries/records";
import { db, respond } from "@/lib/api/route";
import { getRuntime } from "@/lib/runtime";

export const dynamic = "force-dynamic";

/** `?settle=1` first waits (up to 30 s) until everything acknowledged is indexed and grouped: scripts and
 * tests use it instead of polling. */
const SETTLE_TIMEOUT_MS = 30_000;

export function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const runtime = getRuntime();
    if (runtime && new URL(request.url).searchParams.has("settle")) {
      await Promise.race([runtime.whenIdle(), new Promise((resolve) => setTimeout(resolve, SETTLE_TIMEOUT_MS))]);
    }
    const status = runtime?.status();
    return {
      ...getIndexTotals({ db: db() }),
      archive_bytes: status?.archiveBytes ?? null,
      index_backlog: status?.indexBacklog ?? 0,
      sessions_pending: status?.sessionsPending ?? 0,
      storage_error: status?.storageError ?? null,
    };
  });
}
