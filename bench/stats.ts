// Small measuring helpers: percentiles, timers, and what /proc tells about a child process (peak RSS, CPU).
import fs from "node:fs";

export interface Percentiles {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles of a sample (ms); all zeros for an empty sample. */
export function percentiles(samples: readonly number[]): Percentiles {
  if (samples.length === 0) return { n: 0, p50: 0, p95: 0, p99: 0, max: 0 };
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number): number => round(sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!);
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: round(sorted[sorted.length - 1]!) };
}

export const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;

export const nowMs = (): number => performance.now();

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Times `runs` sequential calls of `work` (after one untimed warm-up call). */
export async function timeRuns(runs: number, work: (i: number) => Promise<void>): Promise<Percentiles> {
  await work(-1);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = nowMs();
    await work(i);
    samples.push(nowMs() - start);
  }
  return percentiles(samples);
}

function statusField(pid: number, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) / 1024 : NaN;
}

/** Peak resident set (VmHWM) of a process since it started or since resetPeakRss, in MiB. */
export const peakRssMb = (pid: number): number => round(statusField(pid, "VmHWM"));

/** Writing 5 to clear_refs resets VmHWM to the current RSS (Linux ≥ 4.0), so one process can serve
 * several measurements. */
export function resetPeakRss(pid: number): void {
  fs.writeFileSync(`/proc/${pid}/clear_refs`, "5");
}

/** USER_HZ: /proc/<pid>/stat counts CPU time in these ticks (100 on every Linux we run on). */
const CLOCK_TICKS_PER_SECOND = 100;

/** User + system CPU seconds a process has used so far. */
export function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the parenthesized command name; utime and stime are fields 14 and 15 of the whole line.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

/** CPU seconds this (generator) process has used so far. */
export function ownCpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

/** Cores used over an interval, from CPU seconds before/after and the wall time. */
export const coresUsed = (cpuBefore: number, cpuAfter: number, wallMs: number): number =>
  round((cpuAfter - cpuBefore) / (wallMs / 1000), 2);
