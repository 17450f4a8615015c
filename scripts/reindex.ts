// `npm run reindex`: rebuilds the whole index from the archive (the source of truth). Labels are user data:
// they stay in the index and are re-applied from the label journal. Refuses while a server runs on the dir.
import { getDb } from "@/db/client";
import { deleteDerivedIndex } from "@/db/queries/ingest";
import { getIndexTotals } from "@/db/queries/records";
import { archiveRoot } from "@/ingest/archive/layout";
import { recoverArchive } from "@/ingest/archive/recovery";
import { Indexer } from "@/ingest/indexer";
import { sessionKeyOf } from "@/lib/adapters";
import { getConfig } from "@/lib/config";
import { replayJournal } from "@/lib/labels/journal";
import { runningServerPid } from "@/lib/server-lock";
import { SessionBuilder } from "@/lib/sessions/builder";

async function main(): Promise<void> {
  const { dataDir } = getConfig();
  const pid = runningServerPid(dataDir);
  if (pid !== null) {
    console.error(`tracemark: a server (pid ${pid}) is running on ${dataDir}; stop it before reindexing.`);
    process.exit(1);
  }
  const started = Date.now();
  const db = getDb(dataDir);
  await recoverArchive(archiveRoot(dataDir));
  deleteDerivedIndex({ db });
  const builder = new SessionBuilder(db, 0);
  const indexer = new Indexer(db, (change) => builder.markDirty(change), sessionKeyOf);
  const lines = await indexer.catchUp(db, archiveRoot(dataDir));
  await builder.whenIdle();
  replayJournal(db, dataDir);
  const totals = getIndexTotals({ db });
  console.log(
    `tracemark: reindexed ${lines} archived requests in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
      `${totals.log_records} log records, ${totals.spans} spans, ${totals.metric_points} metric points, ` +
      `${totals.sessions} sessions, ${totals.turns} turns.`,
  );
}

main().catch((error: unknown) => {
  console.error("tracemark: reindex failed:", error);
  process.exit(1);
});
