// `npm run bench [-- --quick] [--only ingest,postgres,limits,steady,scale,growth,year,big] [--profile DIR]`: runs the
// benchmark sections against real servers, writes bench/results/*.json and the summary in docs/benchmarks.md.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { benchConfig } from "./config";
import { describeIngest, ingestModes, runIngestMode, runIngestOnPostgres } from "./ingest";
import { runBig } from "./big";
import { runGrowth } from "./growth";
import { runLimits } from "./limit";
import { machineInfo, ROOT, updateDoc, writeResults, type BenchResults } from "./report";
import { runScale } from "./scale";
import { describeSteady, runSteady } from "./steady";
import { runYear } from "./year";

const SECTIONS = ["ingest", "postgres", "limits", "steady", "scale", "growth", "year", "big"] as const;
type Section = (typeof SECTIONS)[number];
/** What a run without --only does. The full 10M-record store is left out of the full run: writing and
 * reindexing it takes far longer than the ~15 minutes a full run may (docs/benchmarks.md: run it with
 * `--only big`); --quick includes its ~500k-record version. */
const DEFAULT_SECTIONS = {
  quick: [...SECTIONS],
  full: SECTIONS.filter((s) => s !== "big"),
};

const log = (line: string): void => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

/** The server serves the UI from .next: build once if missing; note (not fix) a build older than the UI
 * sources, since other people may be editing them right now. */
function ensureNextBuild(): BenchResults["nextBuild"] {
  const stamp = path.join(ROOT, ".next", "BUILD_ID");
  if (!fs.existsSync(stamp)) {
    log("no .next/BUILD_ID: running `npx next build` once…");
    const build = spawnSync("npx", ["next", "build"], {
      cwd: ROOT,
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (build.status !== 0) throw new Error("next build failed; the server cannot serve the UI");
  }
  const built = fs.statSync(stamp).mtimeMs;
  const newest = (entry: string): number => {
    if (!fs.existsSync(entry)) return 0;
    const stat = fs.statSync(entry);
    if (!stat.isDirectory()) return stat.mtimeMs;
    return Math.max(0, ...fs.readdirSync(entry).map((child) => newest(path.join(entry, child))));
  };
  const sources = Math.max(...["app", "components", "lib"].map((dir) => newest(path.join(ROOT, dir))));
  return { buildId: fs.readFileSync(stamp, "utf8").trim(), olderThanSources: sources > built };
}

function parseCommandLine(): {
  quick: boolean;
  only: Set<Section>;
  partial: boolean;
  serverEnv: Record<string, string>;
} {
  const { values } = parseArgs({
    options: {
      quick: { type: "boolean", default: false },
      only: { type: "string" },
      profile: { type: "string" },
    },
    strict: true,
  });
  const only = new Set(
    (values.only?.split(",") ?? DEFAULT_SECTIONS[values.quick ? "quick" : "full"]) as Section[],
  );
  for (const section of only)
    if (!SECTIONS.includes(section))
      throw new Error(`--only: unknown section ${section}; use ${SECTIONS.join(",")}`);
  const serverEnv: Record<string, string> = {};
  if (values.profile) {
    // Node 20 refuses --cpu-prof in NODE_OPTIONS; the hook starts the profiler inside the server instead.
    serverEnv.NODE_OPTIONS = `--import ${path.join(ROOT, "bench", "cpu-profile-hook.mjs")}`;
    serverEnv.BENCH_CPU_PROFILE_DIR = path.resolve(values.profile);
  }
  return { quick: values.quick, only, partial: values.only !== undefined, serverEnv };
}

/** Pause before retrying a failed measurement: long enough for a concurrent `next build` to finish. */
const RETRY_AFTER_MS = 10_000;

/** Runs one measurement, once more if it fails (a shared box: someone may rebuild .next under the server);
 * a second failure is recorded in `errors` and the run goes on. */
async function withRetry<T>(name: string, work: () => Promise<T>, results: BenchResults): Promise<T | null> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      log(`${name} failed (attempt ${attempt}): ${(error as Error).message}`);
      if (attempt >= 2) {
        results.errors[name] = (error as Error).message.split("\n")[0]!;
        return null;
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_AFTER_MS));
    }
  }
}

async function main(): Promise<void> {
  const { quick, only, partial, serverEnv } = parseCommandLine();
  const config = benchConfig(quick);
  const startedAt = new Date();
  const results: BenchResults = {
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`,
    startedAt: startedAt.toISOString(),
    finishedAt: "",
    durationSeconds: 0,
    config,
    machine: machineInfo(),
    nextBuild: ensureNextBuild(),
    ingest: [],
    limits: null,
    steady: null,
    scale: null,
    growth: null,
    year: null,
    big: null,
    errors: {},
  };
  log(
    `${quick ? "quick" : "full"} run on ${results.machine.cpu} (${results.machine.cores} cores), load average ${results.machine.loadAverageAtStart}`,
  );
  if (only.has("ingest")) {
    for (const mode of ingestModes()) {
      const result = await withRetry(
        `ingest ${mode.id}`,
        () => runIngestMode(mode, config, serverEnv),
        results,
      );
      if (result) {
        results.ingest.push(result);
        log(describeIngest(result));
      }
    }
  }
  if (only.has("postgres")) {
    const result = await withRetry(
      "ingest on PostgreSQL",
      () => runIngestOnPostgres(config, serverEnv),
      results,
    );
    if (result) {
      results.ingest.push(result);
      log(describeIngest(result));
    }
  }
  if (only.has("limits")) {
    results.limits = await withRetry("limits", () => runLimits(config), results);
    const limits = results.limits;
    if (limits) {
      const { agent, fixtures, agentWithSessions } = limits.inProcess;
      log(
        `limit (a) in-process: agent batches ${agent.load.recordsPerSecond} records/s (${agent.recordsPerCpuSecond} per CPU-s), captured bodies ${fixtures.load.recordsPerSecond} records/s, agent batches + session builder ${agentWithSessions.load.recordsPerSecond} records/s (${agentWithSessions.recordsPerCpuSecond} per CPU-s)`,
      );
      log(
        `limit (b) bare node:http: SDK exporter ${limits.bareHttp.sdkExporter.recordsPerSecond} records/s (generator ${limits.bareHttp.sdkExporter.generatorCores} cores), raw bodies ${limits.bareHttp.fixtures.recordsPerSecond} records/s`,
      );
    }
  }
  if (only.has("steady")) {
    results.steady = await withRetry("steady", () => runSteady(config, serverEnv), results);
    if (results.steady) log(describeSteady(results.steady));
  }
  if (only.has("scale"))
    results.scale = await withRetry("scale", () => runScale(config, serverEnv, log), results);
  if (only.has("growth"))
    results.growth = await withRetry("growth", () => runGrowth(config, serverEnv, log), results);
  if (only.has("year"))
    results.year = await withRetry("year", () => runYear(config, serverEnv, log), results);
  if (only.has("big")) results.big = await withRetry("big", () => runBig(config, serverEnv, log), results);
  results.finishedAt = new Date().toISOString();
  results.durationSeconds = Math.round((Date.now() - startedAt.getTime()) / 1000);
  const file = writeResults(results);
  // A partial run (--only) must not replace the summary of a complete one: it has its own block, if the
  // doc has markers for it (e.g. bench:full-big for `--only big`).
  const updated = updateDoc(results, file, partial ? [...only].join(",") : null);
  log(
    `done in ${results.durationSeconds} s: ${path.relative(ROOT, file)}${updated ? `, docs/benchmarks.md updated (${updated})` : ""}`,
  );
}

main().catch((error: unknown) => {
  console.error("bench failed:", error);
  process.exitCode = 1;
});
