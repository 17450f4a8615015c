// Ingest throughput per transport: a fresh real server per mode (startServer, temp data dir), closed-loop
// load from this process (real OTel SDK exporters, or the captures replayed raw), then index lag, peak RSS,
// server/generator CPU, and the archive's compression against `zstd -3`.
import fs from "node:fs";
import { startPostgres } from "../e2e/support/postgres";
import type { TestServer } from "../e2e/support/server";
import { startBenchServer } from "./servers";
import { archiveRoot } from "../ingest/archive/layout";
import { measureArchive, type ArchiveRatio } from "./archive-ratio";
import type { BenchConfig } from "./config";
import { bodyCycle, describeTemplates, fixtureTemplates } from "./load/bodies";
import { runClosedLoop, type LoadResult } from "./load/drive";
import { sdkSender, type SdkTransport } from "./load/sdk-senders";
import { grpcSender, httpSender, type Sender } from "./load/senders";
import { indexLagMs, settle, type Stats } from "./probe";
import { nowMs, peakRssMb, round, watchCpu, type CpuShare } from "./stats";

export interface IngestModeResult {
  mode: string;
  description: string;
  load: LoadResult;
  /** Cores (of 2) the server, the generator and everything else used during the load. */
  cpu: CpuShare;
  /** Records acked per CPU-second the server used during the load: what one uncontended core would carry
   * (less sensitive than records/s to other work on a shared box). */
  recordsPerServerCpuSecond: number;
  /** Last ack → /api/stats counts every record. */
  indexLagMs: number | null;
  /** Last ack → every record grouped into sessions (`/api/stats?settle=1`). */
  settledMs: number;
  peakRssMb: number;
  stats: Stats;
  archive: ArchiveRatio;
  archiveBytesPerRecord: number;
}

export interface IngestMode {
  id: string;
  description: string;
  sender: (server: TestServer, config: BenchConfig) => Sender;
}

const CONTENT_TYPE = { protobuf: "application/x-protobuf", json: "application/json" } as const;

function sdkMode(transport: SdkTransport): IngestMode {
  return {
    id: `sdk-${transport}`,
    description: `OTel SDK exporter (${transport}), ~100 agent records per export`,
    sender: (server, config) => sdkSender(transport, server, config.concurrency),
  };
}

function replayMode(transport: "http-protobuf" | "http-json" | "grpc"): IngestMode {
  const encoding = transport === "http-json" ? "json" : "protobuf";
  const templates = fixtureTemplates(encoding);
  return {
    id: `replay-${transport}`,
    description: `captured logs bodies replayed raw over ${transport} (${describeTemplates(templates)})`,
    sender: (server, config) =>
      transport === "grpc"
        ? grpcSender(server.grpc, bodyCycle(templates))
        : httpSender(
            `${server.otlpHttp}/v1/logs`,
            CONTENT_TYPE[encoding],
            config.concurrency,
            bodyCycle(templates),
          ),
  };
}

export function ingestModes(): IngestMode[] {
  return [
    sdkMode("http-protobuf"),
    sdkMode("http-json"),
    sdkMode("grpc"),
    replayMode("http-protobuf"),
    replayMode("http-json"),
    replayMode("grpc"),
  ];
}

/**
 * The SDK protobuf mode with the index on PostgreSQL (team mode): a fresh durable cluster (fsync on) on this
 * machine, the same load and archive, so its row reads as a ratio to the SQLite row of the same run.
 */
export async function runIngestOnPostgres(
  config: BenchConfig,
  serverEnv: Record<string, string>,
): Promise<IngestModeResult> {
  const cluster = await startPostgres({ durable: true });
  try {
    const base = sdkMode("http-protobuf");
    const mode = {
      ...base,
      id: `${base.id} on PostgreSQL`,
      description: `${base.description}, index on PostgreSQL`,
    };
    return await runIngestMode(mode, config, {
      ...serverEnv,
      TRACEMARK_DATABASE_URL: await cluster.createDatabase(),
    });
  } finally {
    await cluster.stop();
  }
}

type LoadMeasurement = Omit<IngestModeResult, "archive" | "archiveBytesPerRecord">;

/** The load itself, then index lag and settling, on a running server. */
async function measureLoad(
  server: TestServer,
  mode: IngestMode,
  config: BenchConfig,
): Promise<LoadMeasurement> {
  const pid = server.process.pid!;
  const sender = mode.sender(server, config);
  try {
    const stopWatch = watchCpu(pid);
    const load = await runClosedLoop(sender, {
      concurrency: config.concurrency,
      seconds: config.ingestSeconds,
    });
    const cpu = stopWatch();
    const lag = await indexLagMs(server.ui, load.records, load.lastAckAt);
    const stats = await settle(server.ui);
    return {
      mode: mode.id,
      description: mode.description,
      load,
      cpu,
      recordsPerServerCpuSecond: Math.round(
        load.records / Math.max(0.001, (cpu.server * load.wallMs) / 1000),
      ),
      indexLagMs: lag === null ? null : round(lag),
      settledMs: round(nowMs() - load.lastAckAt),
      peakRssMb: peakRssMb(pid),
      stats,
    };
  } finally {
    await sender.close();
  }
}

/** Runs one mode against its own fresh server; the server is always stopped, its data dir removed. */
export async function runIngestMode(
  mode: IngestMode,
  config: BenchConfig,
  serverEnv: Record<string, string>,
): Promise<IngestModeResult> {
  const server = await startBenchServer(serverEnv);
  try {
    let measured: LoadMeasurement;
    try {
      measured = await measureLoad(server, mode, config);
    } catch (error) {
      const tail = server.output().split("\n").slice(-8).join("\n");
      throw new Error(`${(error as Error).message}; server output ends:\n${tail}`);
    } finally {
      await server.stop(); // the archive is measured stopped: background compression has finished
    }
    const archive = await measureArchive(archiveRoot(server.dataDir));
    return {
      ...measured,
      archive,
      archiveBytesPerRecord: round(archive.diskBytes / Math.max(1, measured.stats.log_records)),
    };
  } finally {
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  }
}

export function describeIngest(result: IngestModeResult): string {
  const { load } = result;
  return (
    `${result.mode}: ${load.recordsPerSecond.toLocaleString("en")} records/s acked (${load.requests} requests, ` +
    `${load.errors} errors, ${load.retries} retries), ack p50 ${load.latencyMs.p50} ms p99 ${load.latencyMs.p99} ms, ` +
    `index lag ${result.indexLagMs ?? "timeout"} ms, settled ${result.settledMs} ms, peak RSS ${result.peakRssMb} MiB, ` +
    `${result.recordsPerServerCpuSecond.toLocaleString("en")} records per server CPU-second, CPU cores: server ${result.cpu.server}, generator ${result.cpu.generator}, other ${result.cpu.other}, ` +
    `archive ${result.archiveBytesPerRecord} B/record, sealed/zstd-3 ${result.archive.ratioSealed ?? "n/a"}`
  );
}
