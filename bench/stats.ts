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
  const at = (p: number): number =>
    round(sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!);
  return {
    n: sorted.length,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: round(sorted[sorted.length - 1]!),
  };
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
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(
    fs.readFileSync(`/proc/${pid}/status`, "utf8"),
  );
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

/** Busy CPU seconds of the whole machine (every process, from /proc/stat), to tell how much of a run's CPU
 * went to processes other than the server and the generator (other engineers' tests on a shared box). */
export function machineCpuSeconds(): number {
  const fields = fs
    .readFileSync("/proc/stat", "utf8")
    .split("\n")[0]!
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  // user nice system idle iowait irq softirq steal: everything but idle and iowait is busy.
  const busy = fields.reduce((sum, value, i) => (i === 3 || i === 4 ? sum : sum + value), 0);
  return busy / CLOCK_TICKS_PER_SECOND;
}

export interface CpuShare {
  /** Cores the server (child pid) used. */
  server: number;
  /** Cores this process (the load generator) used. */
  generator: number;
  /** Cores everything else on the machine used (noise from other work). */
  other: number;
}

/** Starts watching CPU use of a server pid, this process and the machine; call the result to stop. */
export function watchCpu(serverPid: number | null): () => CpuShare {
  const start = nowMs();
  const server = serverPid === null ? 0 : cpuSeconds(serverPid);
  const own = ownCpuSeconds();
  const machine = machineCpuSeconds();
  return () => {
    const wall = nowMs() - start;
    const serverCores = serverPid === null ? 0 : coresUsed(server, cpuSeconds(serverPid), wall);
    const generator = coresUsed(own, ownCpuSeconds(), wall);
    const total = coresUsed(machine, machineCpuSeconds(), wall);
    return { server: serverCores, generator, other: round(Math.max(0, total - serverCores - generator), 2) };
  };
}

/** Current resident set (VmRSS) of a process in MiB; NaN once it has exited. */
export function rssMb(pid: number): number {
  try {
    return round(statusField(pid, "VmRSS"));
  } catch {
    return NaN;
  }
}

/** Samples a process's VmRSS every `everyMs` until stopped; returns the largest sample (MiB). */
export function sampleRss(pid: number, everyMs = 250): () => number {
  let max = rssMb(pid);
  const timer = setInterval(() => {
    const now = rssMb(pid);
    if (now > max) max = now;
  }, everyMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    const now = rssMb(pid);
    return now > max ? now : max;
  };
}
