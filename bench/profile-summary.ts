// `npx tsx bench/profile-summary.ts <file.cpuprofile | dir> [top]`: self time per function and total time per
// source file of a V8 CPU profile (`npm run bench -- --profile DIR`, or `node --cpu-prof`; docs/benchmarks.md).
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
export function summarizeProfile(
  profile: CpuProfile,
  top = 25,
): { totalMs: number; functions: ProfileLine[]; files: ProfileLine[] } {
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
      .map(([name, us]) => ({
        name,
        selfMs: Math.round(us / 1000),
        share: Math.round((us / total) * 1000) / 10,
      }));
  return { totalMs: Math.round(total / 1000), functions: lines(functions), files: lines(files) };
}

/** Time of samples whose stack contains a function of each given name (stages such as `receive`,
 * `indexBatch`, `rebuildDirty`), so nested helpers are counted with their caller. */
export function inclusiveTime(profile: CpuProfile, names: string[]): ProfileLine[] {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map(names.map((name) => [name, 0]));
  let total = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    total += us;
    const seen = new Set<string>();
    for (let node: number | undefined = id; node !== undefined; node = parent.get(node)) {
      const name = byId.get(node)!.callFrame.functionName;
      if (totals.has(name) && !seen.has(name)) {
        seen.add(name);
        totals.set(name, totals.get(name)! + us);
      }
    }
  });
  return names.map((name) => ({
    name,
    selfMs: Math.round(totals.get(name)! / 1000),
    share: Math.round((totals.get(name)! / total) * 1000) / 10,
  }));
}

/** Pipeline stages worth seeing inclusively in a server profile. */
export const STAGES = [
  "parserOnIncoming",
  "readBody",
  "receive",
  "decodeExportRequest",
  "toArchiveLine",
  "hashBody",
  "flush",
  "indexBatch",
  "flattenRequest",
  "insertRecord",
  "rebuildDirty",
  "listRecordsBySession",
  "buildSession",
  "saveBuildResult",
  "compressSegment",
  "GET",
];

export function formatSummary(summary: ReturnType<typeof summarizeProfile>): string {
  const table = (rows: ProfileLine[]): string =>
    rows
      .map((row) => `${String(row.share).padStart(5)}%  ${String(row.selfMs).padStart(7)} ms  ${row.name}`)
      .join("\n");
  return `total ${summary.totalMs} ms sampled\n\nself time by function:\n${table(summary.functions)}\n\nself time by file:\n${table(summary.files)}`;
}

function main(): void {
  const [target, top] = process.argv.slice(2);
  if (!target) {
    console.error("usage: npx tsx bench/profile-summary.ts <file.cpuprofile | directory of them> [top]");
    process.exit(2);
  }
  const files = fs.statSync(target).isDirectory()
    ? fs
        .readdirSync(target)
        .filter((file) => file.endsWith(".cpuprofile"))
        .map((file) => path.join(target, file))
    : [target];
  for (const file of files) {
    const profile = JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile;
    console.log(`== ${file}\n${formatSummary(summarizeProfile(profile, Number(top ?? 25)))}\n`);
    const stages = inclusiveTime(profile, STAGES).filter((stage) => stage.selfMs > 0);
    console.log(
      `inclusive time by stage:\n${stages.map((row) => `${String(row.share).padStart(5)}%  ${String(row.selfMs).padStart(7)} ms  ${row.name}`).join("\n")}\n`,
    );
  }
}

if (
  process.argv[1] &&
  path.resolve(process.argv[1]) === path.resolve(import.meta.dirname, "profile-summary.ts")
)
  main();
