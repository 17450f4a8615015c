// The large store: a fresh server loaded with ~1M log records in ~10k sessions (+ one 2,000-turn session)
// through OTLP/HTTP, then API, page, label and export timings on it (--quick: 1/20 of the sizes).
import fs from "node:fs";
import { startBenchServer } from "./servers";
import type { BenchConfig } from "./config";
import { measureApi, measureExport, type ApiTimings, type ExportTiming } from "./scale/api";
import { measurePages, type PageResult } from "./scale/browser";
import { seedStore, type SeedResult } from "./scale/seed";
import { peakRssMb, watchCpu, type CpuShare } from "./stats";

export interface ScaleResult {
  seed: SeedResult;
  api: ApiTimings;
  pages: Record<string, PageResult>;
  exportApi: ExportTiming;
  exportCli: ExportTiming;
  /** Cores used while the queries, pages and exports were timed (the browser and the export CLI count as other). */
  queryCpu: CpuShare;
  /** Server peak RSS over the whole scale run (seeding, rebuilds, queries, exports). */
  peakRssMb: number;
  bigSessionTurns: number;
}

/** Export runs: each takes seconds on 100k turns, so a few runs show the spread; 20 would add minutes. */
const EXPORT_RUNS = { quick: 2, full: 5 };

export async function runScale(
  config: BenchConfig,
  serverEnv: Record<string, string>,
  log: (line: string) => void,
): Promise<ScaleResult> {
  const server = await startBenchServer(serverEnv);
  try {
    log(
      `scale: seeding ${config.scale.sessions} sessions × ${config.scale.turnsPerSession} turns + one of ${config.scale.bigSessionTurns} turns…`,
    );
    const seed = await seedStore(server, config);
    log(
      `scale: seeded ${seed.stats.log_records} records, ${seed.stats.sessions} sessions, ${seed.stats.turns} turns at ` +
        `${seed.load.recordsPerSecond} records/s; grouped ${seed.settledMs} ms after the last ack`,
    );
    const big = { id: seed.bigSessionId, turns: config.scale.bigSessionTurns };
    const stopWatch = watchCpu(server.process.pid!);
    const api = await measureApi(server, big, seed.smallSessionId, config.scale.apiRuns);
    log("scale: API timed; loading pages in Chromium…");
    const pages = await measurePages(
      server.ui,
      big,
      config.scale.browserRuns,
      serverEnv.BENCH_CPU_PROFILE_DIR ?? null,
    );
    log("scale: pages timed; exporting…");
    const runs = config.quick ? EXPORT_RUNS.quick : EXPORT_RUNS.full;
    const exportApi = await measureExport(server, "api", runs);
    const exportCli = await measureExport(server, "cli", runs);
    const queryCpu = stopWatch();
    return {
      seed,
      api,
      pages,
      exportApi,
      exportCli,
      queryCpu,
      peakRssMb: peakRssMb(server.process.pid!),
      bigSessionTurns: big.turns,
    };
  } finally {
    await server.stop();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  }
}
