// A full heavy year (20k sessions, ~96k turns over 365 days; --quick 1/20): Claude-Code-like corpus sessions
// plus every 10th session a real capture of another client or scenario (Codex, Gemini CLI, Copilot CLI,
// failures, API errors). Archive written by the product's writer, indexed by `npm run reindex`, then a real
// server: GET /api/overview (the whole year) and the Overview page in Chromium until its panels are drawn, in
// its default scope (the last 30 days) and over the whole year (`?range=all`, a bar per week).
import fs from "node:fs";
import type { BenchConfig } from "./config";
import { settle, type Stats } from "./probe";
import { launchChromium, measurePage, OVERVIEW, type PageResult } from "./scale/browser";
import { timeEndpoints, type ApiTimings } from "./scale/api";
import { startBenchServer } from "./servers";
import { prepareStore } from "./store/prepare";
import type { ReindexResult } from "./store/reindex";
import type { ArchiveWritten } from "./store/write-archive";

export interface YearResult {
  written: ArchiveWritten;
  reindex: ReindexResult;
  stats: Stats | null;
  api: ApiTimings["endpoints"] | null;
  page: PageResult | null;
  /** The same page over the whole year (`?range=all`). */
  pageAll: PageResult | null;
}

/** Every 10th session a capture: several clients, models, tools and failures in every month. */
const FIXTURE_EVERY = 10;
/** Mean corpus turns: with the captures' 1–3 turns, 20k sessions make ~96k turns. */
const MEAN_TURNS = 5;

export async function runYear(
  config: BenchConfig,
  serverEnv: Record<string, string>,
  log: (line: string) => void,
): Promise<YearResult> {
  const plan = { sessions: config.year.sessions, meanTurns: MEAN_TURNS, fixtureEvery: FIXTURE_EVERY };
  const store = await prepareStore("year", plan, config.big.reindexTimeoutMs, log);
  try {
    const base = { written: store.written, reindex: store.reindex };
    if (store.reindex.timedOut) return { ...base, stats: null, api: null, page: null, pageAll: null };
    const server = await startBenchServer(serverEnv, store.dataDir);
    try {
      const stats = await settle(server.ui);
      log(`year: ${stats.sessions} sessions, ${stats.turns} turns; timing the Overview…`);
      const api = await timeEndpoints(server, { overview: "/api/overview" }, config.scale.apiRuns);
      const browser = await launchChromium();
      try {
        const profile = serverEnv.BENCH_CPU_PROFILE_DIR;
        const page = await measurePage(
          browser,
          `${server.ui}/overview`,
          OVERVIEW,
          config.scale.browserRuns,
          profile ? `${profile}/page-overview.cpuprofile` : null,
        );
        const pageAll = await measurePage(
          browser,
          `${server.ui}/overview?range=all`,
          OVERVIEW,
          config.scale.browserRuns,
          profile ? `${profile}/page-overview-all.cpuprofile` : null,
        );
        return { ...base, stats, api, page, pageAll };
      } finally {
        await browser.close();
      }
    } finally {
      await server.stop();
    }
  } finally {
    fs.rmSync(store.dataDir, { recursive: true, force: true });
  }
}
