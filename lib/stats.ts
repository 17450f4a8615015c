// GET /api/stats's body: index totals and the ingest pipeline's live state (docs/api.md).
import type { Store } from "@/db/store";
import { getIndexTotals, type IndexTotals } from "@/db/queries/totals";
import { getRuntime } from "@/lib/runtime";

export type Stats = IndexTotals & {
  archive_bytes: number | null;
  index_backlog: number;
  sessions_pending: number;
  storage_error: string | null;
};

/** Waits at most this long for `settle`: scripts and tests use it instead of polling. */
const SETTLE_TIMEOUT_MS = 30_000;

/** With `settle`, first waits until everything acknowledged is indexed and grouped (up to 30 s). */
export async function readStats(store: Store, { settle }: { settle: boolean }): Promise<Stats> {
  const runtime = getRuntime();
  if (runtime && settle) {
    await Promise.race([
      runtime.whenIdle(),
      new Promise((resolve) => setTimeout(resolve, SETTLE_TIMEOUT_MS)),
    ]);
  }
  const status = runtime?.status();
  return {
    ...(await getIndexTotals({ store })),
    archive_bytes: status?.archiveBytes ?? null,
    index_backlog: status?.indexBacklog ?? 0,
    sessions_pending: status ? await status.sessionsPending() : 0,
    storage_error: status?.storageError ?? null,
  };
}
