// Sizes and durations of one bench run (full or --quick) and the targets the report prints beside them.
// Each constant says why it has its value; --quick keeps every section but shrinks it to fit in a minute.

export interface BenchConfig {
  quick: boolean;
  /** Seconds of closed-loop load per ingest mode (and per limit measurement). */
  ingestSeconds: number;
  /** Concurrent export loops / clients per mode. */
  concurrency: number;
  /** Steady-load section: requests per second and its duration. */
  steadyRate: number;
  steadySeconds: number;
  scale: {
    sessions: number;
    turnsPerSession: number;
    bigSessionTurns: number;
    /** Timed runs per API measurement (p50/p95 need ≥ 20). */
    apiRuns: number;
    /** Timed page loads per browser measurement. */
    browserRuns: number;
  };
  /** Turns of the one growing session (one turn per request at 20 req/s: 10,000 turns take 500 s). */
  growthTurns: number;
  /** The heavy year for the Overview: sessions over 365 days (~4.8 turns each). */
  year: { sessions: number };
  /** The 10M-record store (written as archive, then `npm run reindex`); a reindex past the deadline is
   * stopped and reported. */
  big: { records: number; reindexTimeoutMs: number };
}

/** Log records per export: the OTel SDK BatchLogRecordProcessor's busy-agent batch size in the brief (~100). */
export const RECORDS_PER_EXPORT = 100;

/** Records per turn in generated sessions: a Claude Code turn with two tool calls logs ~10 events. */
export const RECORDS_PER_TURN = 10;

/** 8 loops: enough in-flight requests to keep a 2-core server busy without the generator taking a whole core. */
const CONCURRENCY = 8;

export function benchConfig(quick: boolean): BenchConfig {
  if (quick) {
    return {
      quick,
      ingestSeconds: 1.5, // six modes × (start + load + lag + stop) must leave room for the rest of the minute
      concurrency: CONCURRENCY,
      steadyRate: 250,
      steadySeconds: 5,
      scale: { sessions: 500, turnsPerSession: 10, bigSessionTurns: 100, apiRuns: 20, browserRuns: 5 }, // 1/20
      growthTurns: 1_000, // 50 s at 20 req/s; the blocks at 100/250/500/1,000 turns still show a trend
      year: { sessions: 1_000 }, // 1/20
      big: { records: 500_000, reindexTimeoutMs: 15 * 60_000 },
    };
  }
  return {
    quick,
    ingestSeconds: 10, // long enough that segment rotation, compression and session rebuilds all happen
    concurrency: CONCURRENCY,
    steadyRate: 250,
    steadySeconds: 10,
    scale: { sessions: 10_000, turnsPerSession: 10, bigSessionTurns: 2_000, apiRuns: 20, browserRuns: 20 },
    growthTurns: 10_000,
    year: { sessions: 20_000 },
    big: { records: 10_000_000, reindexTimeoutMs: 60 * 60_000 },
  };
}

/** The targets (docs/benchmarks.md prints them beside the measurements). */
export const TARGETS = {
  /** OTLP/HTTP protobuf; gRPC and HTTP JSON have their own (issue 16). */
  ingestRecordsPerSecond: 50_000,
  ingestOtherTransportsRecordsPerSecond: 35_000,
  ingestShareOfLimit: 0.7,
  steadyP99AckMs: 50,
  steadyIndexLagMs: 1_000,
  steadySessionsGroupedMs: 2_000,
  growthP99AckMs: 50,
  /** "Flat in the session's length": the last block's cost over the first block's. */
  growthCostRatio: 1.5,
  overviewMs: 500,
  apiP95Ms: 100,
  bigSessionPageMs: 400,
  keyJMs: 16,
  reindexRecordsPerSecond: 100_000,
  bigStoreRssMb: 1_000,
  labelRoundTripP95Ms: 100,
  export100kTurnsMs: 10_000,
  archiveVsZstd3: 1.15,
  peakRssMb: 600,
} as const;
