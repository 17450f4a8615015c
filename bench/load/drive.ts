// Drives a Sender: closed loop (N loops, each sends again as soon as its export is acknowledged) or open
// loop (a fixed request rate whatever the answers, latency counted from the scheduled send time so a slow
// server cannot hide behind a slowed-down generator).
import { coresUsed, nowMs, ownCpuSeconds, percentiles, round, sleep, type Percentiles } from "../stats";
import type { Sender } from "./senders";

export interface LoadResult {
  requests: number;
  records: number;
  errors: number;
  retries: number;
  firstError: string | null;
  wallMs: number;
  /** performance.now() of the last acknowledgement (index lag is counted from here). */
  lastAckAt: number;
  recordsPerSecond: number;
  latencyMs: Percentiles;
  /** CPU the load generator (this process) used, in cores, over the run. */
  generatorCores: number;
}

/** A mode is abandoned after this many failed sends: the numbers would mean nothing. */
const MAX_ERRORS = 20;

class Tally {
  requests = 0;
  records = 0;
  errors = 0;
  retries = 0;
  firstError: string | null = null;
  lastAckAt = 0;
  readonly latencies: number[] = [];
  private readonly start = nowMs();
  private readonly cpuStart = ownCpuSeconds();

  async track(work: Promise<{ records: number; latencyMs: number; retries: number }>): Promise<void> {
    try {
      const sent = await work;
      this.requests++;
      this.records += sent.records;
      this.retries += sent.retries;
      this.latencies.push(sent.latencyMs);
      this.lastAckAt = nowMs();
    } catch (error) {
      this.errors++;
      this.firstError ??= (error as Error).message;
    }
  }

  result(): LoadResult {
    const wallMs = (this.lastAckAt || nowMs()) - this.start;
    return {
      requests: this.requests,
      records: this.records,
      errors: this.errors,
      retries: this.retries,
      firstError: this.firstError,
      wallMs: round(wallMs),
      lastAckAt: this.lastAckAt,
      recordsPerSecond: Math.round(this.records / (wallMs / 1000)),
      latencyMs: percentiles(this.latencies),
      generatorCores: coresUsed(this.cpuStart, ownCpuSeconds(), nowMs() - this.start),
    };
  }
}

/** N loops until `seconds` have passed or `requests` sends were started, whichever comes first. */
export async function runClosedLoop(
  sender: Sender,
  options: { concurrency: number; seconds: number; requests?: number },
): Promise<LoadResult> {
  const tally = new Tally();
  const deadline = nowMs() + options.seconds * 1000;
  let started = 0;
  const loop = async (): Promise<void> => {
    while (nowMs() < deadline && started < (options.requests ?? Infinity) && tally.errors < MAX_ERRORS) {
      started++;
      await tally.track(sender.send());
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, loop));
  return tally.result();
}

/** Sends `rate` requests per second for `seconds`, without waiting for answers (up to `maxInFlight`). */
export async function runOpenLoop(
  sender: Sender,
  options: { rate: number; seconds: number; maxInFlight: number },
): Promise<LoadResult & { late: number }> {
  const tally = new Tally();
  const start = nowMs();
  const total = Math.round(options.rate * options.seconds);
  const inFlight = new Set<Promise<void>>();
  let late = 0;
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / options.rate;
    const wait = due - nowMs();
    if (wait > 1) await sleep(wait);
    if (nowMs() - due > 10) late++; // the generator itself could not keep the schedule
    while (inFlight.size >= options.maxInFlight) await Promise.race(inFlight);
    const scheduled = due;
    const work = tally.track(sender.send().then((sent) => ({ ...sent, latencyMs: nowMs() - scheduled })));
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  }
  await Promise.all(inFlight);
  return { ...tally.result(), late };
}
