// The 10M-record store (--quick: ~500k): sessions over a year written straight into the archive by the
// product's writer, indexed by the real `npm run reindex` (timed: the reindex row), then a real server on it:
// the sessions list, filters and search (p95), with the server's RSS sampled the whole time it runs.
import fs from "node:fs";
import type { BenchConfig } from "./config";
import { LIST_ENDPOINTS, timeEndpoints, type ApiTimings } from "./scale/api";
import { settle, type Stats } from "./probe";
import { startBenchServer } from "./servers";
import { nowMs, peakRssMb, round, sampleRss } from "./stats";
import { prepareStore } from "./store/prepare";
import type { ArchiveWritten } from "./store/write-archive";
import type { ReindexResult } from "./store/reindex";

export interface BigResult {
  plannedRecords: number;
  written: ArchiveWritten;
  reindex: ReindexResult;
  /** Null when the reindex did not finish in time (no server was started on a partial index). */
  stats: Stats | null;
  api: ApiTimings["endpoints"] | null;
  /** Largest VmRSS sampled every 250 ms, and VmHWM, of the server from start to stop. */
  serverRssMb: { sampledMax: number; peak: number } | null;
  /** Spawn → listening, on the reindexed store (the index is checked page by page at start). */
  serverStartSeconds: number | null;
}

/** Records per generated request: the corpus' 10-turn sessions of 10 records per turn. */
const RECORDS_PER_SESSION = 100;

export async function runBig(
  config: BenchConfig,
  serverEnv: Record<string, string>,
  log: (line: string) => void,
): Promise<BigResult> {
  const plan = { sessions: config.big.records / RECORDS_PER_SESSION, meanTurns: 10, fixtureEvery: 50 };
  const store = await prepareStore("big", plan, config.big.reindexTimeoutMs, log);
  try {
    const base = { plannedRecords: config.big.records, written: store.written, reindex: store.reindex };
    if (store.reindex.timedOut)
      return { ...base, stats: null, api: null, serverRssMb: null, serverStartSeconds: null };
    const started = nowMs();
    const server = await startBenchServer(serverEnv, store.dataDir);
    const serverStartSeconds = round((nowMs() - started) / 1000);
    const stopRss = sampleRss(server.process.pid!);
    try {
      const stats = await settle(server.ui);
      log(
        `big: server up in ${serverStartSeconds} s on ${stats.log_records.toLocaleString("en")} log records, ${stats.sessions} sessions; timing the list…`,
      );
      const api = await timeEndpoints(server, LIST_ENDPOINTS, config.scale.apiRuns);
      return {
        ...base,
        stats,
        api,
        serverRssMb: { sampledMax: stopRss(), peak: peakRssMb(server.process.pid!) },
        serverStartSeconds,
      };
    } finally {
      stopRss();
      await server.stop();
    }
  } finally {
    fs.rmSync(store.dataDir, { recursive: true, force: true });
  }
}
