// A generated store ready for a server: the archive written (bench/store/write-archive.ts), then the index
// built by the real `npm run reindex` — which is also the reindex measurement.
import { tempDataDir } from "../../e2e/support/server";
import { planStore, type StorePlan } from "./plan";
import { runReindex, type ReindexResult } from "./reindex";
import { writeArchive, type ArchiveWritten } from "./write-archive";

export interface PreparedStore {
  dataDir: string;
  plan: StorePlan;
  written: ArchiveWritten;
  reindex: ReindexResult;
}

export async function prepareStore(
  name: string,
  plan: StorePlan,
  reindexTimeoutMs: number,
  log: (line: string) => void,
): Promise<PreparedStore> {
  const dataDir = tempDataDir(`tracemark-bench-${name}-`);
  const store = planStore(plan);
  log(
    `${name}: writing the archive of ${plan.sessions.toLocaleString("en")} sessions (${store.records.toLocaleString("en")} records)…`,
  );
  const written = await writeArchive(dataDir, store.lines());
  log(`${name}: archive written in ${written.seconds} s; npm run reindex…`);
  const reindex = await runReindex(dataDir, reindexTimeoutMs);
  log(
    reindex.timedOut
      ? `${name}: reindex stopped at the deadline after ${reindex.seconds} s`
      : `${name}: reindexed ${reindex.records.toLocaleString("en")} records in ${reindex.seconds} s (${reindex.recordsPerSecond.toLocaleString("en")} records/s), ${reindex.sessions} sessions, ${reindex.turns} turns`,
  );
  return { dataDir, plan, written, reindex };
}
