// Bench results → bench/results/<timestamp>.json (+ latest.json) and the generated summary in
// docs/benchmarks.md (between the bench:<quick|full> markers; the rest of that file is written by hand).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { BigResult } from "./big";
import type { BenchConfig } from "./config";
import type { GrowthResult } from "./growth";
import type { IngestModeResult } from "./ingest";
import type { LimitResults } from "./limit";
import type { ScaleResult } from "./scale";
import type { SteadyResult } from "./steady";
import { summaryRows, type Row } from "./summary";
import type { YearResult } from "./year";

export interface Machine {
  cpu: string;
  cores: number;
  ramGiB: number;
  node: string;
  kernel: string;
  /** 1-minute load average when the run started: above ~0.5 the box was shared with other work. */
  loadAverageAtStart: number;
}

export interface BenchResults {
  command: string;
  startedAt: string;
  finishedAt: string;
  durationSeconds: number;
  config: BenchConfig;
  machine: Machine;
  nextBuild: { buildId: string; olderThanSources: boolean };
  ingest: IngestModeResult[];
  limits: LimitResults | null;
  steady: SteadyResult | null;
  scale: ScaleResult | null;
  growth: GrowthResult | null;
  year: YearResult | null;
  big: BigResult | null;
  /** Sections that failed, with their error (the run goes on without them). */
  errors: Record<string, string>;
}

export const ROOT = path.resolve(import.meta.dirname, "..");
const RESULTS_DIR = path.join(ROOT, "bench", "results");
const DOC = path.join(ROOT, "docs", "benchmarks.md");

export function machineInfo(): Machine {
  return {
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    ramGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    kernel: os.release(),
    loadAverageAtStart: Math.round(os.loadavg()[0]! * 100) / 100,
  };
}

export function writeResults(results: BenchResults): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = results.startedAt.replace(/[:.]/g, "-");
  const file = path.join(RESULTS_DIR, `${stamp}${results.config.quick ? "-quick" : ""}.json`);
  const json = JSON.stringify(results, null, 2) + "\n";
  fs.writeFileSync(file, json);
  fs.writeFileSync(path.join(RESULTS_DIR, "latest.json"), json);
  return file;
}

const VERDICT = { pass: "✅", miss: "❌", na: "—" } as const;

function table(rows: Row[]): string {
  const lines = [
    "| what | target | measured | measured / target | |",
    "|---|---|---|---|---|",
    ...rows.map((row) => {
      const ratio = row.ratio === null ? "—" : row.ratio.toFixed(2);
      return `| ${row.what} | ${row.target} | ${row.measured} | ${ratio} | ${VERDICT[row.verdict]} |`;
    }),
  ];
  return lines.join("\n");
}

export function renderSummary(results: BenchResults, resultFile: string): string {
  const { machine } = results;
  const errors = Object.entries(results.errors).map(
    ([section, error]) => `- **${section} failed**: ${error}`,
  );
  return [
    `Command: \`${results.command}\` · ${results.startedAt.slice(0, 16).replace("T", " ")} UTC · ` +
      `${results.durationSeconds} s · results: \`${path.relative(ROOT, resultFile)}\``,
    "",
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.ramGiB} GiB RAM, Node ${machine.node}, Linux ` +
      `${machine.kernel}; load average ${machine.loadAverageAtStart} at start` +
      (results.nextBuild.olderThanSources ? "; **the Next build was older than the UI sources**" : ""),
    "",
    table(summaryRows(results)),
    ...(errors.length > 0 ? ["", ...errors] : []),
  ].join("\n");
}

/** Replaces the generated block of this run's kind (quick or full; `quick-<sections>` / `full-<sections>`
 * for an --only run) in docs/benchmarks.md. A complete run adds its block if missing; a partial run only
 * replaces a block the doc already has. Returns the block's name, or null if nothing was written. */
export function updateDoc(results: BenchResults, resultFile: string, only: string | null): string | null {
  const kind = `${results.config.quick ? "quick" : "full"}${only ? `-${only.replace(/,/g, "-")}` : ""}`;
  const start = `<!-- bench:${kind}:start -->`;
  const end = `<!-- bench:${kind}:end -->`;
  const block = `${start}\n${renderSummary(results, resultFile)}\n${end}`;
  const doc = fs.existsSync(DOC) ? fs.readFileSync(DOC, "utf8") : "# Benchmarks\n";
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  if (only && !(from !== -1 && to > from)) return null;
  const next =
    from !== -1 && to > from
      ? doc.slice(0, from) + block + doc.slice(to + end.length)
      : `${doc.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(DOC, next);
  return kind;
}
