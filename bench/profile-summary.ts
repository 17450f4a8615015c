// `npx tsx bench/profile-summary.ts <file.cpuprofile | dir> [top]`: self time per function and total time per
// source file of a V8 CPU profile (e.g. the server run with `--cpu-prof`, see docs/benchmarks.md "Profiling").
import fs from "node:fs";
import path from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileLine {
  name: string;
  selfMs: number;
  share: number;
}

const shortUrl = (url: string): string =>
  url
    .replace(/^file:\/\//, "")
    .replace(/^.*\/node_modules\//, "npm:")
    .replace(/^.*\/work\/main\//, "");

/** Self time per function (name + file:line), biggest first. */
export function summarizeProfile(profile: CpuProfile, top = 25): { totalMs: number; functions: ProfileLine[]; files: ProfileLine[] } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const functions = new Map<string, number>();
  const files = new Map<string, number>();
  let total = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    const file = shortUrl(frame.url) || "(native/vm)";
    const name = `${frame.functionName || "(anonymous)"} ${file}:${frame.lineNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + us);
    files.set(file, (files.get(file) ?? 0) + us);
    total += us;
  }
  const lines = (map: Map<string, number>): ProfileLine[] =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, selfMs: Math.round(us / 1000), share: Math.round((us / total) * 1000) / 10 }));
  return { totalMs: Math.round(total / 1000), functions: lines(functions), files: lines(files) };
}

export function formatSummary(summary: ReturnType<typeof summarizeProfile>): string {
  const table = (rows: ProfileLine[]): string => rows.map((row) => `${String(row.share).padStart(5)}%  ${String(row.selfMs).padStart(7)} ms  ${row.name}`).join("\n");
  return `total ${summary.totalMs} ms sampled\n\nself time by function:\n${table(summary.functions)}\n\nself time by file:\n${table(summary.files)}`;
}

function main(): void {
  const [target, top] = process.argv.slice(2);
  if (!target) {
    console.error("usage: npx tsx bench/profile-summary.ts <file.cpuprofile | directory of them> [top]");
    process.exit(2);
  }
  const files = fs.statSync(target).isDirectory()
    ? fs.readdirSync(target).filter((file) => file.endsWith(".cpuprofile")).map((file) => path.join(target, file))
    : [target];
  for (const file of files) {
    const profile = JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile;
    console.log(`== ${file}\n${formatSummary(summarizeProfile(profile, Number(top ?? 25)))}\n`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.dirname, "profile-summary.ts")) main();
