// Steady load: a fixed rate of ~100-record OTLP/HTTP protobuf exports (250 req/s) against a fresh server;
// ack latency from the scheduled send time, index lag sampled during the load, and whether sessions keep up.
import fs from "node:fs";
import { startBenchServer } from "./servers";
import type { BenchConfig } from "./config";
import { agentTemplates, bodyCycle } from "./load/bodies";
import { runOpenLoop, type LoadResult } from "./load/drive";
import { httpSender, type Sender } from "./load/senders";
import { getStats, indexLagMs, settle } from "./probe";
import {
  nowMs,
  peakRssMb,
  percentiles,
  round,
  sleep,
  watchCpu,
  type CpuShare,
  type Percentiles,
} from "./stats";

export interface SteadyResult {
  rate: number;
  seconds: number;
  load: LoadResult & { late: number };
  cpu: CpuShare;
  /** For marks taken every MARK_MS during the load: how long until the index counted what was acked then. */
  lagDuringLoadMs: Percentiles;
  /** Last ack → every record counted. */
  indexLagMs: number | null;
  /** Sessions in the index when the load stopped, and how long after the last ack all were grouped. */
  sessionsAtEndOfLoad: number;
  sessionsAfterSettle: number;
  settledMs: number;
  peakRssMb: number;
}

/** A lag mark every 250 ms gives ≥ 20 samples even in the 5-second quick run. */
const MARK_MS = 250;
/** Poll period for the marks: 10 polls a second on a small index cost the server little. */
const POLL_MS = 100;
/** Marks not indexed this long after the load are reported as missing (n < marks). */
const GIVE_UP_MS = 60_000;
/** Distinct serialized agent batches cycled through (each sent with fresh UUIDs). */
const TEMPLATES = 32;
/** At 250 req/s a server stalled for a quarter second has ~64 requests pending; beyond that we queue. */
const MAX_IN_FLIGHT = 64;

/** Samples lag marks while the load runs: each mark is (time, records acked by then). */
function lagSampler(ui: string, acked: () => number): { stop: () => Promise<number[]> } {
  const marks: { at: number; target: number }[] = [];
  const lags: number[] = [];
  let running = true;
  let giveUpAt = Infinity;
  const loop = (async () => {
    let lastMark = 0;
    while ((running || marks.length > 0) && nowMs() < giveUpAt) {
      if (running && nowMs() - lastMark >= MARK_MS) {
        marks.push({ at: nowMs(), target: acked() });
        lastMark = nowMs();
      }
      const counted = await getStats(ui).then(
        (stats) => stats.log_records,
        () => null, // the server went away (the run failed): stop sampling
      );
      if (counted === null) break;
      while (marks.length > 0 && marks[0]!.target <= counted) lags.push(nowMs() - marks.shift()!.at);
      await sleep(POLL_MS);
    }
  })();
  return {
    stop: async () => {
      running = false;
      giveUpAt = nowMs() + GIVE_UP_MS;
      await loop;
      return lags;
    },
  };
}

export async function runSteady(
  config: BenchConfig,
  serverEnv: Record<string, string>,
): Promise<SteadyResult> {
  const server = await startBenchServer(serverEnv);
  try {
    const pid = server.process.pid!;
    const inner = httpSender(
      `${server.otlpHttp}/v1/logs`,
      "application/x-protobuf",
      MAX_IN_FLIGHT,
      bodyCycle(agentTemplates(TEMPLATES, "protobuf")),
    );
    let acked = 0;
    const sender: Sender = {
      send: async () => {
        const sent = await inner.send();
        acked += sent.records;
        return sent;
      },
      close: inner.close,
    };
    const sampler = lagSampler(server.ui, () => acked);
    const stopWatch = watchCpu(pid);
    const load = await runOpenLoop(sender, {
      rate: config.steadyRate,
      seconds: config.steadySeconds,
      maxInFlight: MAX_IN_FLIGHT,
    });
    const cpu = stopWatch();
    const sessionsAtEndOfLoad = (await getStats(server.ui)).sessions;
    const lag = await indexLagMs(server.ui, load.records, load.lastAckAt);
    const lags = await sampler.stop();
    await sender.close();
    const settled = await settle(server.ui);
    return {
      rate: config.steadyRate,
      seconds: config.steadySeconds,
      load,
      cpu,
      lagDuringLoadMs: percentiles(lags),
      indexLagMs: lag === null ? null : round(lag),
      sessionsAtEndOfLoad,
      sessionsAfterSettle: settled.sessions,
      settledMs: round(nowMs() - load.lastAckAt),
      peakRssMb: peakRssMb(pid),
    };
  } finally {
    await server.stop();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  }
}

export function describeSteady(result: SteadyResult): string {
  const { load } = result;
  return (
    `steady ${result.rate} req/s × ${result.seconds} s: ${load.requests} acked (${load.errors} errors, ${load.late} sent late), ` +
    `ack p50 ${load.latencyMs.p50} ms p99 ${load.latencyMs.p99} ms max ${load.latencyMs.max} ms; index lag during load ` +
    `p50 ${result.lagDuringLoadMs.p50} ms max ${result.lagDuringLoadMs.max} ms, after last ack ${result.indexLagMs} ms; ` +
    `sessions at end of load ${result.sessionsAtEndOfLoad}, after settle ${result.sessionsAfterSettle} (${result.settledMs} ms); ` +
    `CPU server ${result.cpu.server} generator ${result.cpu.generator} other ${result.cpu.other}`
  );
}
