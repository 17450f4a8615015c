// Summary rows of the sections added for issue 16: the growing session, the heavy year (Overview) and the
// 10M-record store (list, reindex, RSS).
import { TARGETS } from "./config";
import type { GrowthResult } from "./growth";
import type { BenchResults } from "./report";
import { atLeast, atMost, context, fmt, type Row } from "./rows";
import type { PageResult } from "./scale/browser";
import type { ReindexResult } from "./store/reindex";

const pageRow = (what: string, target: number, page: PageResult | null | undefined): Row => {
  if (page && "notMeasurable" in page)
    return { ...atMost(what, target, null, " ms"), measured: `not measurable: ${page.notMeasurable}` };
  return atMost(
    what,
    target,
    page?.p95,
    " ms",
    page ? ` (p50 ${page.p50}, cold ${page.coldMs}, ${page.items} items rendered)` : "",
  );
};

const keyRow = (what: string, page: PageResult | null | undefined): Row => {
  const keyJ = page && !("notMeasurable" in page) ? page.keyJ : undefined;
  if (page && !("notMeasurable" in page) && page.keyJError)
    return { ...atMost(what, TARGETS.keyJMs, null, " ms"), measured: `not measurable: ${page.keyJError}` };
  return atMost(what, TARGETS.keyJMs, keyJ?.p95, " ms", keyJ ? ` (p50 ${keyJ.p50}, ${keyJ.n} presses)` : "");
};

const ratio = (last: number, first: number): number | null =>
  Number.isFinite(last / first) && first > 0 ? Math.round((last / first) * 100) / 100 : null;

export function growthRows(results: BenchResults): Row[] {
  const g: GrowthResult | null = results.growth;
  const what = g
    ? `one session growing to ${fmt(g.turns)} turns at ${g.rate} req/s (1 turn = 10 records per request)`
    : "growing session";
  const first = g?.blocks[0];
  const last = g?.blocks.at(-1);
  const blocks = (pick: (b: GrowthResult["blocks"][number]) => number): string =>
    g ? g.blocks.map((b) => `turns ${fmt(b.upTo - 99)}–${fmt(b.upTo)}: ${fmt(pick(b))}`).join("; ") : "";
  const turns = `${fmt(g?.turns ?? 10_000)}-turn session page`;
  return [
    atMost(
      `${what}: p99 ack (from the scheduled send)`,
      TARGETS.growthP99AckMs,
      g?.load.latencyMs.p99,
      " ms",
      g
        ? ` (p50 ${g.load.latencyMs.p50}, max ${g.load.latencyMs.max}; ${g.load.late} sent late, ${g.load.errors} errors)`
        : "",
    ),
    atMost(
      `${what}: server CPU per request, last block ÷ first (flat = build cost independent of length)`,
      TARGETS.growthCostRatio,
      first && last ? ratio(last.serverCpuMsPerRequest, first.serverCpuMsPerRequest) : null,
      "×",
      g ? ` (ms per request, ${blocks((b) => b.serverCpuMsPerRequest)})` : "",
    ),
    atMost(
      `${what}: ack → its turn counted by /api/stats (p50), last block ÷ first`,
      TARGETS.growthCostRatio,
      first && last ? ratio(last.visibleMs.p50, first.visibleMs.p50) : null,
      "×",
      g && last
        ? ` (ms, ${blocks((b) => b.visibleMs.p50)}; p95 last block ${last.visibleMs.p95}; all grouped ${fmt(g.settledMs)} ms after the last ack; peak RSS ${g.peakRssMb} MiB)`
        : "",
    ),
    pageRow(`${turns} until interactive, p95`, TARGETS.bigSessionPageMs, g?.page),
    keyRow(`${turns}: \`j\` (keydown → selection moved, next frame), p95`, g?.page),
  ];
}

const reindexDetail = (r: ReindexResult): string =>
  r.timedOut
    ? ` (stopped at the deadline after ${fmt(r.seconds)} s)`
    : ` (${fmt(r.records)} records in ${fmt(r.seconds)} s: ${fmt(r.sessions)} sessions, ${fmt(r.turns)} turns)`;

export function yearRows(results: BenchResults): Row[] {
  const y = results.year;
  const store = y?.stats
    ? `${fmt(y.stats.sessions)} sessions, ${fmt(y.stats.turns)} turns over 365 days`
    : "heavy year";
  return [
    context(
      `heavy year: npm run reindex (records/s)`,
      y
        ? `${fmt(y.reindex.recordsPerSecond)}${reindexDetail(y.reindex)}; archive written in ${fmt(y.written.seconds)} s`
        : "not measured",
    ),
    atMost(
      `GET /api/overview p95 (${store})`,
      TARGETS.overviewMs,
      y?.api?.overview?.p95,
      " ms",
      y?.api?.overview ? ` (p50 ${y.api.overview.p50}, ${fmt(y.api.overview.bytes)} bytes)` : "",
    ),
    pageRow(`Overview page until its panels are drawn, p95 (${store})`, TARGETS.overviewMs, y?.page),
    pageRow(`Overview page of the whole year (range=all), p95 (${store})`, TARGETS.overviewMs, y?.pageAll),
  ];
}

export function bigRows(results: BenchResults): Row[] {
  const b = results.big;
  if (!b) return [atMost("10M-record store (list, reindex, RSS)", 0, null, "")];
  const store = b.stats
    ? `${fmt(b.stats.log_records + b.stats.spans + b.stats.metric_points)} records, ${fmt(b.stats.sessions)} sessions`
    : `${fmt(b.plannedRecords)} records planned`;
  const rows: Row[] = [
    context(
      `archive written by the product's writer (${fmt(b.written.records)} records, ${fmt(b.written.requests)} requests)`,
      `${fmt(b.written.seconds)} s`,
    ),
    atLeast(
      `npm run reindex (records/s, ${store})`,
      TARGETS.reindexRecordsPerSecond,
      b.reindex.timedOut ? null : b.reindex.recordsPerSecond,
      "",
      reindexDetail(b.reindex),
    ),
  ];
  if (typeof b.serverStartSeconds === "number")
    rows.push(
      context("server start on the reindexed store (spawn → listening)", `${fmt(b.serverStartSeconds)} s`),
    );
  if (b.reindex.timedOut) rows[1]!.measured = `did not finish: ${reindexDetail(b.reindex).trim()}`;
  for (const [name, t] of Object.entries(b.api ?? {}))
    rows.push(atMost(`API ${name} p95 (${store})`, TARGETS.apiP95Ms, t.p95, " ms", ` (p50 ${t.p50})`));
  rows.push(
    atMost(
      `server RSS during the ${store} run (VmRSS every 250 ms, max)`,
      TARGETS.bigStoreRssMb,
      b.serverRssMb?.sampledMax,
      " MiB",
      b.serverRssMb ? ` (VmHWM ${b.serverRssMb.peak})` : "",
    ),
  );
  return rows;
}
