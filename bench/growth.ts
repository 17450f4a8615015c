// One session growing to 10,000 turns (--quick: 1,000) at 20 requests/s, open loop, one turn (10 records)
// per request from the OTel SDK's protobuf exporter: ack latency, and what each request costs the server as
// the session grows — server CPU per request and how long until its turn is counted by /api/stats, in blocks
// of 100 requests at several session lengths. Then the session page of that session in Chromium.
import fs from "node:fs";
import type { BenchConfig } from "./config";
import { RECORDS_PER_TURN } from "./config";
import { runOpenLoop, type LoadResult } from "./load/drive";
import { sdkSessionSender } from "./load/sdk-senders";
import type { Sender } from "./load/senders";
import { getStats, settle } from "./probe";
import { launchChromium, measurePage, SESSION, type PageResult } from "./scale/browser";
import { startBenchServer } from "./servers";
import { cpuSeconds, nowMs, peakRssMb, percentiles, round, sleep, type Percentiles } from "./stats";

export interface GrowthBlock {
  /** The block is requests (upTo - BLOCK, upTo]. */
  upTo: number;
  /** Server CPU (all threads) per request over the block. */
  serverCpuMsPerRequest: number;
  /** Ack → the request's turn counted by /api/stats. */
  visibleMs: Percentiles;
  /** Export call → ack of the block's requests (the whole run's p99 counts from the scheduled time). */
  ackMs: Percentiles;
}

export interface GrowthResult {
  turns: number;
  rate: number;
  load: LoadResult & { late: number };
  blocks: GrowthBlock[];
  settledMs: number;
  page: PageResult | null;
  peakRssMb: number;
}

const RATE = 20;
const BLOCK = 100;
/** /api/stats polls for turn visibility: 20 a second, one per request, cheap against 20 requests. */
const POLL_MS = 50;
/** At 20 req/s a server stalled for 3 s has 60 requests pending; beyond that the generator waits. */
const MAX_IN_FLIGHT = 64;

/** The session lengths reported: the first block, then a few lengths up to the end. */
export function checkpoints(turns: number): number[] {
  const marks = turns >= 10_000 ? [1_000, 5_000, 10_000] : [turns / 4, turns / 2, turns];
  return [BLOCK, ...marks.map((m) => Math.round(m / BLOCK) * BLOCK)];
}

interface Ack {
  at: number;
  latencyMs: number;
}

/** Polls the turn count until stopped: (time, turns) pairs. */
function turnPoller(ui: string): { stop: () => Promise<{ at: number; turns: number }[]> } {
  const polls: { at: number; turns: number }[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const turns = await getStats(ui).then(
        (stats) => stats.turns,
        () => null,
      );
      if (turns === null) break;
      polls.push({ at: nowMs(), turns });
      await sleep(POLL_MS);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return polls;
    },
  };
}

function blocksOf(
  acks: Ack[],
  cpuAt: Map<number, number>,
  polls: { at: number; turns: number }[],
  turns: number,
): GrowthBlock[] {
  return checkpoints(turns).map((upTo) => {
    const from = upTo - BLOCK;
    const visible: number[] = [];
    let poll = 0;
    for (let k = from + 1; k <= upTo && k <= acks.length; k++) {
      const ack = acks[k - 1]!;
      while (poll < polls.length && (polls[poll]!.at < ack.at || polls[poll]!.turns < k)) poll++;
      if (poll < polls.length) visible.push(polls[poll]!.at - ack.at);
    }
    const cpu = (cpuAt.get(upTo) ?? NaN) - (cpuAt.get(from) ?? NaN);
    return {
      upTo,
      serverCpuMsPerRequest: round((cpu * 1000) / BLOCK, 2),
      visibleMs: percentiles(visible),
      ackMs: percentiles(acks.slice(from, upTo).map((a) => a.latencyMs)),
    };
  });
}

export async function runGrowth(
  config: BenchConfig,
  serverEnv: Record<string, string>,
  log: (line: string) => void,
): Promise<GrowthResult> {
  const server = await startBenchServer(serverEnv);
  try {
    const pid = server.process.pid!;
    const inner = sdkSessionSender("http-protobuf", server, RECORDS_PER_TURN, MAX_IN_FLIGHT);
    const acks: Ack[] = [];
    const cpuAt = new Map<number, number>([[0, cpuSeconds(pid)]]);
    const sender: Sender = {
      send: async () => {
        const sent = await inner.send();
        acks.push({ at: nowMs(), latencyMs: sent.latencyMs });
        if (acks.length % BLOCK === 0) cpuAt.set(acks.length, cpuSeconds(pid));
        return sent;
      },
      close: inner.close,
    };
    const turns = config.growthTurns;
    log(`growth: one session to ${turns.toLocaleString("en")} turns at ${RATE} req/s (${turns / RATE} s)…`);
    const poller = turnPoller(server.ui);
    const load = await runOpenLoop(sender, { rate: RATE, seconds: turns / RATE, maxInFlight: MAX_IN_FLIGHT });
    await sender.close();
    const stats = await settle(server.ui);
    const settledMs = round(nowMs() - load.lastAckAt);
    const polls = await poller.stop();
    polls.push({ at: nowMs(), turns: stats.turns });
    const blocks = blocksOf(acks, cpuAt, polls, turns);
    log(
      `growth: ack p99 ${load.latencyMs.p99} ms; CPU ms per request ${blocks.map((b) => `@${b.upTo} ${b.serverCpuMsPerRequest}`).join(", ")}; page…`,
    );
    const profile = serverEnv.BENCH_CPU_PROFILE_DIR;
    const page = await sessionPage(
      server.ui,
      config.scale.browserRuns,
      profile ? `${profile}/page-growth-session.cpuprofile` : null,
    );
    return { turns, rate: RATE, load, blocks, settledMs, page, peakRssMb: peakRssMb(pid) };
  } finally {
    await server.stop();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  }
}

async function sessionPage(ui: string, runs: number, profileFile: string | null): Promise<PageResult | null> {
  const list = (await (await fetch(`${ui}/api/sessions`)).json()) as { sessions: { id: string }[] };
  const id = list.sessions[0]?.id;
  if (!id) return null;
  const browser = await launchChromium();
  try {
    return await measurePage(browser, `${ui}/sessions/${encodeURIComponent(id)}`, SESSION, runs, profileFile);
  } finally {
    await browser.close();
  }
}
