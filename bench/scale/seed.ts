// Loads the large store through the real OTLP/HTTP JSON endpoint (never by writing the database): N sessions
// of ~10 turns, one request each, then one long session in 10-turn requests; waits until all are grouped.
import { randomUUID } from "node:crypto";
import type { TestServer } from "../../e2e/support/server";
import type { BenchConfig } from "../config";
import { RECORDS_PER_TURN } from "../config";
import { runClosedLoop, type LoadResult } from "../load/drive";
import { httpSender } from "../load/senders";
import { settle, type Stats } from "../probe";
import { nowMs, peakRssMb, round, watchCpu, type CpuShare } from "../stats";
import { Corpus, type SessionPlan } from "./corpus";

export interface SeedResult {
  plannedSessions: number;
  plannedTurns: number;
  plannedRecords: number;
  load: LoadResult;
  cpu: CpuShare;
  /** Last ack → every session built. */
  settledMs: number;
  stats: Stats;
  peakRssMb: number;
  bigSessionId: string;
  /** A 10-turn session (for the label round trip, so its GET is not dominated by the big session). */
  smallSessionId: string;
}

/** Turns per request of the long session: the same ~100 records per export as everywhere else. */
const TURNS_PER_REQUEST = 10;
/** Seeding clients: 4 keeps the server busy while leaving the generator (JSON.stringify of ~150 KB bodies)
 * below one core. */
const SEED_CONCURRENCY = 4;
/** Generous: every request is a full day of one agent's work; the run is bounded by `requests` anyway. */
const SEED_MAX_SECONDS = 3_600;

interface Chunk {
  session: SessionPlan;
  fromTurn: number;
  turns: number;
}

function plan(config: BenchConfig): { chunks: Chunk[]; big: SessionPlan; small: SessionPlan } {
  const { sessions, turnsPerSession, bigSessionTurns } = config.scale;
  const chunks: Chunk[] = [];
  for (let index = 0; index < sessions; index++) {
    chunks.push({
      session: { id: randomUUID(), index, turns: turnsPerSession },
      fromTurn: 0,
      turns: turnsPerSession,
    });
  }
  // The long session starts mid-range, so it is not trivially the first row of the list.
  const big: SessionPlan = { id: randomUUID(), index: Math.floor(sessions / 2), turns: bigSessionTurns };
  for (let from = 0; from < bigSessionTurns; from += TURNS_PER_REQUEST) {
    chunks.push({ session: big, fromTurn: from, turns: Math.min(TURNS_PER_REQUEST, bigSessionTurns - from) });
  }
  return { chunks, big, small: chunks[sessions - 1]!.session };
}

export async function seedStore(server: TestServer, config: BenchConfig): Promise<SeedResult> {
  const corpus = new Corpus();
  const { chunks, big, small } = plan(config);
  let next = 0;
  const body = (): { body: Buffer; records: number } => {
    const chunk = chunks[next++]!;
    return {
      body: corpus.body(chunk.session, chunk.fromTurn, chunk.turns),
      records: chunk.turns * RECORDS_PER_TURN,
    };
  };
  const sender = httpSender(`${server.otlpHttp}/v1/logs`, "application/json", SEED_CONCURRENCY, body);
  const stopWatch = watchCpu(server.process.pid!);
  const load = await runClosedLoop(sender, {
    concurrency: SEED_CONCURRENCY,
    seconds: SEED_MAX_SECONDS,
    requests: chunks.length,
  });
  const cpu = stopWatch();
  await sender.close();
  const stats = await settle(server.ui);
  const settledMs = round(nowMs() - load.lastAckAt);
  const plannedTurns = config.scale.sessions * config.scale.turnsPerSession + config.scale.bigSessionTurns;
  return {
    plannedSessions: config.scale.sessions + 1,
    plannedTurns,
    plannedRecords: plannedTurns * RECORDS_PER_TURN,
    load,
    cpu,
    settledMs,
    stats,
    peakRssMb: peakRssMb(server.process.pid!),
    bigSessionId: big.id,
    smallSessionId: small.id,
  };
}
