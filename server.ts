// The one tracemark process: OTLP/HTTP (:4318), OTLP/gRPC (:4317), and the UI + API (:3000, Next.js) with
// the OTLP routes mounted there too. Boot order: index → archive repair and catch-up → listeners.
import http from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import next from "next";
import { closeDb, DamagedIndexError, getDb } from "@/db/client";
import { openIndexStore, registerIndexStore, type OpenedIndex } from "@/db/open-store";
import { sqliteStoreOf } from "@/db/store-sqlite";
import { BucketError } from "@/ingest/archive/s3/errors";
import { IngestBudget } from "@/ingest/budget";
import { createOtlpGrpcServer } from "@/ingest/grpc";
import { listenGrpc } from "@/ingest/grpc-listener";
import { createOtlpHttpHandler, isOtlpPath } from "@/ingest/http";
import { IndexThread } from "@/ingest/index-thread";
import { startPipeline } from "@/ingest/pipeline";
import { getConfig } from "@/lib/config";
import { startJournals } from "@/lib/journals/journals";
import { journalProblem, replayJournal } from "@/lib/labels/journal";
import { applySecurityHeaders, checkUiRequest, loginRequired, otlpAuthorized } from "@/lib/security/guard";
import { answerAlways, hardenHttpServer } from "@/lib/security/http-server";
import { handleLogin } from "@/lib/security/login";
import { TokenThrottle } from "@/lib/security/throttle";
import { acquireServerLock, removeServerLock } from "@/lib/server-lock";
import { publish, type ChangeEvent } from "@/lib/events";
import { startEventRelay } from "@/lib/events-relay";
import { setRuntime } from "@/lib/runtime";
import { pendingSessionBuilds } from "@/lib/sessions/builder";
import { createTranscriptWatcher } from "@/lib/transcripts/create";

const config = configOrExit();

/** A setting that cannot be used ends the start with its message (it names the setting), not a stack trace. */
function configOrExit(): ReturnType<typeof getConfig> {
  try {
    return getConfig();
  } catch (error) {
    console.error(`tracemark: cannot start: ${(error as Error).message}`);
    process.exit(1);
  }
}

function portInUse(what: string, port: number, setting: string): never {
  console.error(
    `tracemark: port ${port} on ${config.host} is already in use, so ${what} cannot start.\n` +
      `  Stop the other program, or set ${setting} to a free port (0 turns this listener off).`,
  );
  process.exit(1);
}

/** A whole request (headers and body) must arrive within this: a client trickling bytes cannot hold a
 * connection and its buffers forever. 60 s is far above any real export (a 32 MiB body at 1 MB/s is 32 s). */
const REQUEST_TIMEOUT_MS = 60_000;
const RETENTION_INTERVAL_MS = 3_600_000;
/** PostgreSQL connections for this thread's API and label writes (the index thread has its own pool). */
const API_POOL_CONNECTIONS = 8;

function listenHttp(server: http.Server, port: number, what: string, setting: string): Promise<string> {
  hardenHttpServer(server, {
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
    headersTimeoutMs: 10_000,
    maxConnections: config.maxConnections,
  });
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      error.code === "EADDRINUSE" ? portInUse(what, port, setting) : reject(error),
    );
    server.listen(port, config.host, () => {
      const bound = (server.address() as AddressInfo).port;
      resolve(`http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${bound}`);
    });
  });
}

/** The index: SQLite in the data dir (this thread's connection serves the API and labels; the index thread,
 * index-worker.ts, writes the rest) or, in team mode, a PostgreSQL pool every route handler shares. */
async function openIndex(): Promise<OpenedIndex> {
  if (!config.databaseUrl) {
    const db = getDb(config.dataDir, { checkIntegrity: true, checkpoints: false });
    return { store: sqliteStoreOf(db), close: () => Promise.resolve(closeDb()) };
  }
  // A URL that is wrong, a server that is down, a refused login: one sentence naming it, no stack trace.
  const opened = await openIndexStore(config, { max: API_POOL_CONNECTIONS }).catch((error: Error) => {
    console.error(`tracemark: cannot start: ${error.message}`);
    return process.exit(1);
  });
  registerIndexStore(opened.store);
  return opened;
}

async function main(): Promise<void> {
  const other = acquireServerLock(config.dataDir);
  if (other !== null) {
    console.error(`tracemark: another tracemark (pid ${other}) is already serving ${config.dataDir}.`);
    process.exit(1);
  }
  const index = await openIndex();
  const { store } = index;
  const journals = await startJournals({ dataDir: config.dataDir, store });
  // A label and its journal line commit together on PostgreSQL, so its labels are never behind the journal;
  // a replica replaying at start while another takes label writes could only put an older label back.
  if (store.dialect === "sqlite") await replayJournal(store, journals);
  // Team mode: what this replica publishes (sessions built, labels set) reaches the other replicas' tabs.
  const relay = config.databaseUrl ? await startEventRelay({ url: config.databaseUrl, store }) : null;
  const pipeline = await startPipeline({
    dataDir: config.dataDir,
    bucket: config.archiveBucket,
    fsync: config.fsync,
    maxBacklogBytes: config.bodyBudgetBytes,
    openIndex: (archive) =>
      IndexThread.start({
        entry: path.join(process.cwd(), "index-worker.ts"),
        workerOptions: {
          dataDir: config.dataDir,
          bucket: config.archiveBucket,
          databaseUrl: config.databaseUrl,
          sweepMs: config.sweepMs,
        },
        archive,
        onEvent: (event) => publish(event as ChangeEvent),
      }),
  });
  const authorize = (headers: Record<string, string | string[] | undefined>): boolean =>
    otlpAuthorized(headers, config);
  const budget = new IngestBudget({
    maxBytes: config.bodyBudgetBytes,
    maxInflight: config.maxInflight,
    maxBodyBytes: config.maxBodyBytes,
  });
  const otlp = createOtlpHttpHandler(pipeline.receiver, {
    maxBodyBytes: config.maxBodyBytes,
    corsOrigins: config.corsOrigins,
    authorize,
    budget,
  });
  // Transcript lines go through the same receiver as OTLP (archive, then acknowledge, then index).
  const transcripts = createTranscriptWatcher({
    store,
    roots: config.transcriptHomes,
    submit: async (request) => {
      await pipeline.receiver.receive({
        signal: "logs",
        encoding: "json",
        transport: "transcript",
        contentEncoding: null,
        userAgent: "tracemark-transcripts",
        body: Buffer.from(JSON.stringify(request)),
      });
    },
  });
  if (config.transcriptHomes.length > 0) transcripts.start(config.transcriptScanMs);
  const endpoints = {
    ui: null as string | null,
    otlpHttp: null as string | null,
    otlpGrpc: null as string | null,
  };
  setRuntime({
    status: () => ({
      indexBacklog: pipeline.indexer.backlog,
      sessionsPending: () => pendingSessionBuilds(store),
      archiveBytes: pipeline.archiveBytes(),
      storageError:
        pipeline.archive.lastError ??
        pipeline.indexer.lastError ??
        pipeline.indexer.damageReport() ??
        journalProblem(),
      endpoints,
      transcriptHomes: config.transcriptHomes,
    }),
    importTranscripts: (home) => transcripts.importRoots([home]),
    whenIdle: () => pipeline.indexer.whenIdle(),
  });

  if (config.retentionDays > 0) {
    const retain = async (): Promise<void> => {
      try {
        const report = await pipeline.indexer.retain({
          days: config.retentionDays,
          keepLabeled: !config.retentionDropLabeled,
          openSegments: pipeline.archive.openSegmentNames(),
        });
        if (report.sessions + report.records + report.segments.length > 0) {
          console.log(
            `tracemark: retention dropped ${report.sessions} sessions, ${report.records} records, ${report.segments.length} archive segments older than ${config.retentionDays} days`,
          );
        }
      } catch (error) {
        console.error("tracemark: retention failed:", error);
      }
    };
    void retain();
    setInterval(() => void retain(), RETENTION_INTERVAL_MS).unref();
  }

  const servers: http.Server[] = [];
  if (config.otlpHttpPort !== 0) {
    const server = http.createServer(answerAlways(otlp));
    servers.push(server);
    endpoints.otlpHttp = await listenHttp(
      server,
      config.otlpHttpPort,
      "OTLP/HTTP",
      "TRACEMARK_OTLP_HTTP_PORT",
    );
  }
  const grpcLimits = {
    maxMessageBytes: config.maxBodyBytes,
    connectionIdleMs: config.connectionIdleMs,
    connectionMaxAgeMs: config.connectionMaxAgeMs,
  };
  const grpcServer =
    config.otlpGrpcPort !== 0 ? createOtlpGrpcServer(pipeline.receiver, grpcLimits, budget, authorize) : null;
  let grpcListener: { port: number; close: () => void } | null = null;
  if (grpcServer) {
    const bounds = { maxConnections: config.maxConnections, handshakeTimeoutMs: config.handshakeTimeoutMs };
    const listener = await listenGrpc(grpcServer, config.host, config.otlpGrpcPort, bounds).catch(
      (error: NodeJS.ErrnoException) =>
        error.code === "EADDRINUSE"
          ? portInUse("OTLP/gRPC", config.otlpGrpcPort, "TRACEMARK_OTLP_GRPC_PORT")
          : Promise.reject(error),
    );
    grpcListener = listener;
    endpoints.otlpGrpc = `${config.host}:${listener.port}`;
  }
  if (config.port !== 0) {
    const app = next({ dev: false, dir: process.cwd(), hostname: config.host, port: config.port });
    await app.prepare();
    const handle = app.getRequestHandler();
    const throttle = new TokenThrottle();
    const server = http.createServer(
      answerAlways((req, res) => {
        if (isOtlpPath(req.url)) return otlp(req, res);
        const verdict = checkUiRequest(req, config, throttle);
        if (!verdict.ok) {
          const retry = verdict.retryAfter ? { "Retry-After": String(verdict.retryAfter) } : {};
          res.writeHead(
            verdict.status,
            verdict.redirect ? { Location: verdict.redirect } : { "Content-Type": "text/plain", ...retry },
          );
          res.end(verdict.message);
          return;
        }
        if ((req.url ?? "").split("?")[0] === "/login" && loginRequired(config))
          return handleLogin(req, res, config, throttle);
        applySecurityHeaders(req, res);
        return handle(req, res);
      }),
    );
    servers.push(server);
    endpoints.ui = await listenHttp(server, config.port, "the UI", "PORT");
  }

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await Promise.all(
      servers.map((server) => {
        const closed = new Promise((resolve) => server.close(resolve));
        server.closeIdleConnections();
        // Live-update streams never end by themselves; give in-flight exports a moment, then cut the rest.
        setTimeout(() => server.closeAllConnections(), 2_000).unref();
        return closed;
      }),
    );
    grpcListener?.close();
    grpcServer?.forceShutdown();
    await transcripts.stop();
    // Nothing acknowledged waits on these: the archive holds every line (the next start indexes what the
    // indexer had not), and the index holds every rebuild mark (the next start builds them).
    await pipeline.shutdown();
    await relay?.stop();
    journals.close();
    await index.close();
    removeServerLock(config.dataDir);
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
  // Printed last: whoever waits for it (tests, scripts) may send SIGTERM at once, so the handlers exist already.
  console.log(
    [
      "tracemark is running",
      `  UI and API    ${endpoints.ui ?? "off"}`,
      `  OTLP/HTTP     ${endpoints.otlpHttp ?? "off"}  (POST /v1/logs, /v1/traces, /v1/metrics)`,
      `  OTLP/gRPC     ${endpoints.otlpGrpc ?? "off"}`,
      `  data          ${config.dataDir}`,
      `  connect an agent: ${endpoints.ui ? `${endpoints.ui}/connect` : "see README.md"}`,
    ].join("\n"),
  );
}

main().catch((error: unknown) => {
  if (error instanceof DamagedIndexError || error instanceof BucketError)
    console.error(`tracemark: cannot start: ${error.message}`);
  else console.error("tracemark: failed to start:", error);
  process.exit(1);
});
