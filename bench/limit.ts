// The ceilings tracemark's HTTP ingest is compared with: (a) the same bodies through decode → archive →
// index in this process, no HTTP (ArchiveWriter + Indexer + Receiver as ingest/pipeline.ts wires them; once
// more with the session builder on); (b) a bare node:http child that only reads bodies and answers 200.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { indexPath, openDb, type Db } from "../db/client";
import { sqliteStoreOf } from "../db/store-sqlite";
import { archiveRoot } from "../ingest/archive/layout";
import { ArchiveWriter } from "../ingest/archive/writer";
import { IngestError } from "../ingest/errors";
import { Indexer } from "../ingest/indexer";
import { Receiver } from "../ingest/receiver";
import { sessionKeyOf } from "../lib/adapters";
import { SessionBuilder } from "../lib/sessions/builder";
import type { BenchConfig } from "./config";
import { agentTemplates, bodyCycle, fixtureTemplates, type Body } from "./load/bodies";
import { runClosedLoop, type LoadResult } from "./load/drive";
import { sdkSender } from "./load/sdk-senders";
import { httpSender, type Sender } from "./load/senders";
import { track } from "./servers";
import { nowMs, ownCpuSeconds, peakRssMb, round, sleep } from "./stats";

export interface InProcessResult {
  load: LoadResult;
  /** Records per second until the last body was indexed (`indexer.whenIdle()`), from the first send. */
  indexedRecordsPerSecond: number;
  /** Last ack → indexer (and session builder, when on) idle. */
  indexLagMs: number;
  /** Records per CPU-second of this process from the first send until everything was idle. */
  recordsPerCpuSecond: number;
  busyRetries: number;
}

/** How long a receive waits when the indexer backlog answers "busy" (429 over HTTP). */
const BUSY_WAIT_MS = 20;

/** (a): decode → archive → index in this process, `concurrency` receives in flight, for `seconds`. */
export async function measureInProcess(
  next: () => Body,
  options: { concurrency: number; seconds: number; sessions?: boolean; tuneDb?: (db: Db) => void },
): Promise<InProcessResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tracemark-bench-limit-"));
  const db = openDb(indexPath(dataDir));
  options.tuneDb?.(db); // what-if experiments (e.g. other pragmas) before proposing a product change
  const archive = await ArchiveWriter.create(archiveRoot(dataDir), { fsync: false });
  // With `sessions`, the session builder runs as in server.ts, so the gap to the server is HTTP alone.
  const builder = options.sessions ? new SessionBuilder(sqliteStoreOf(db)) : null;
  const indexer = new Indexer(sqliteStoreOf(db), () => builder?.wake(), sessionKeyOf);
  const receiver = new Receiver(archive, indexer);
  let busyRetries = 0;
  const sender: Sender = {
    async send() {
      const { body, records } = next();
      const start = nowMs();
      for (;;) {
        try {
          await receiver.receive({
            signal: "logs",
            encoding: "protobuf",
            transport: "http",
            contentEncoding: null,
            userAgent: "tracemark-bench",
            body,
          });
          return { records, latencyMs: nowMs() - start, retries: 0 };
        } catch (error) {
          if (!(error instanceof IngestError) || error.kind !== "busy") throw error;
          busyRetries++;
          await sleep(BUSY_WAIT_MS);
        }
      }
    },
    close: () => Promise.resolve(),
  };
  try {
    const start = nowMs();
    const cpuStart = ownCpuSeconds();
    const load = await runClosedLoop(sender, { concurrency: options.concurrency, seconds: options.seconds });
    await indexer.whenIdle();
    await builder?.whenIdle();
    const idleAt = nowMs();
    return {
      load,
      indexedRecordsPerSecond: Math.round(load.records / ((idleAt - start) / 1000)),
      indexLagMs: round(idleAt - load.lastAckAt),
      recordsPerCpuSecond: Math.round(load.records / (ownCpuSeconds() - cpuStart)),
      busyRetries,
    };
  } finally {
    await archive.shutdown();
    db.$client.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export interface BareServer {
  url: string;
  pid: number;
  peakRssMb: () => number;
  stop: () => Promise<void>;
}

/** (b): bench/load/bare-http-server.ts in a child process (so it competes for the cores like tracemark). */
export async function startBareServer(): Promise<BareServer> {
  const script = path.join(import.meta.dirname, "load", "bare-http-server.ts");
  const child = spawn(process.execPath, ["--import", "tsx", script], { stdio: ["pipe", "pipe", "inherit"] });
  track(child);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    lines.once("line", (line) => resolve(Number(/port (\d+)/.exec(line)?.[1])));
    child.once("exit", (code) => reject(new Error(`bare server exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    peakRssMb: () => peakRssMb(child.pid!),
    stop: async () => {
      child.stdin.end(); // the child exits when its stdin closes
      await exited;
    },
  };
}

export interface LimitResults {
  /** (a) per body set: the SDK's agent batches and the captured bodies, both protobuf; and the agent batches
   * again with the session builder on (everything the server does but HTTP). */
  inProcess: { agent: InProcessResult; fixtures: InProcessResult; agentWithSessions: InProcessResult };
  /** (b) the same two loads against the bare server. */
  bareHttp: { sdkExporter: LoadResult; fixtures: LoadResult; peakRssMb: number };
}

/** Distinct agent batches cycled through in (a) (each use with fresh UUIDs). */
const AGENT_TEMPLATES = 32;

export async function runLimits(config: BenchConfig): Promise<LimitResults> {
  const options = { concurrency: config.concurrency, seconds: config.ingestSeconds };
  const agentTemplatesUsed = agentTemplates(AGENT_TEMPLATES, "protobuf");
  const agent = await measureInProcess(bodyCycle(agentTemplatesUsed), options);
  const fixtures = await measureInProcess(bodyCycle(fixtureTemplates("protobuf")), options);
  const agentWithSessions = await measureInProcess(bodyCycle(agentTemplatesUsed), {
    ...options,
    sessions: true,
  });
  const bare = await startBareServer();
  try {
    const sdk = sdkSender("http-protobuf", { otlpHttp: bare.url, grpc: "" }, config.concurrency);
    const sdkLoad = await runClosedLoop(sdk, options);
    await sdk.close();
    const raw = httpSender(
      `${bare.url}/v1/logs`,
      "application/x-protobuf",
      config.concurrency,
      bodyCycle(fixtureTemplates("protobuf")),
    );
    const rawLoad = await runClosedLoop(raw, options);
    await raw.close();
    return {
      inProcess: { agent, fixtures, agentWithSessions },
      bareHttp: { sdkExporter: sdkLoad, fixtures: rawLoad, peakRssMb: bare.peakRssMb() },
    };
  } finally {
    await bare.stop();
  }
}
