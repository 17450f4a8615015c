// Load from the real OpenTelemetry JS exporters (0.223.1): each send builds a fresh batch of agent records
// and calls `exporter.export(records, callback)` directly, timing until the callback (serialization included).
// @opentelemetry/core comes with the SDK packages (not listed in package.json itself).
import { ExportResultCode } from "@opentelemetry/core";
import { OTLPLogExporter as GrpcLogExporter } from "@opentelemetry/exporter-logs-otlp-grpc";
import { OTLPLogExporter as JsonLogExporter } from "@opentelemetry/exporter-logs-otlp-http";
import { OTLPLogExporter as ProtoLogExporter } from "@opentelemetry/exporter-logs-otlp-proto";
import type { LogRecordExporter, ReadableLogRecord } from "@opentelemetry/sdk-logs";
import { RECORDS_PER_EXPORT } from "../config";
import { nowMs } from "../stats";
import { AgentSession } from "./agent-records";
import type { Sender } from "./senders";

export type SdkTransport = "http-protobuf" | "http-json" | "grpc";

/** Exports per agent session before the loop starts a new one (a 50-turn session at ~10 records a turn). */
const BATCHES_PER_SESSION = 5;

function createExporter(
  transport: SdkTransport,
  target: { otlpHttp: string; grpc: string },
  concurrency: number,
): LogRecordExporter {
  // The exporters refuse new exports beyond concurrencyLimit; leave headroom above our loops.
  const common = { concurrencyLimit: concurrency * 2 };
  if (transport === "grpc") return new GrpcLogExporter({ ...common, url: `http://${target.grpc}` });
  const url = `${target.otlpHttp}/v1/logs`;
  return transport === "http-json"
    ? new JsonLogExporter({ ...common, url })
    : new ProtoLogExporter({ ...common, url });
}

function exportOnce(exporter: LogRecordExporter, records: ReadableLogRecord[]): Promise<void> {
  return new Promise((resolve, reject) => {
    exporter.export(records, (result) => {
      if (result.code === ExportResultCode.SUCCESS) resolve();
      else reject(result.error ?? new Error("export failed"));
    });
  });
}

/** One exporter (as one agent process would have) shared by the loops; each loop is its own agent session. */
export function sdkSender(
  transport: SdkTransport,
  target: { otlpHttp: string; grpc: string },
  concurrency: number,
): Sender {
  const exporter = createExporter(transport, target, concurrency);
  const sessions = Array.from({ length: concurrency }, () => ({ session: new AgentSession(), batches: 0 }));
  let turn = 0;
  return {
    async send() {
      const slot = sessions[turn++ % sessions.length]!;
      if (slot.batches++ >= BATCHES_PER_SESSION)
        Object.assign(slot, { session: new AgentSession(), batches: 1 });
      const records = slot.session.nextBatch(RECORDS_PER_EXPORT);
      const start = nowMs();
      await exportOnce(exporter, records);
      return { records: records.length, latencyMs: nowMs() - start, retries: 0 };
    },
    close: () => exporter.shutdown(),
  };
}

/** One agent session that never ends: every send is its next `records` records through one exporter (the
 * growing-session load: one turn per request). */
export function sdkSessionSender(
  transport: SdkTransport,
  target: { otlpHttp: string; grpc: string },
  records: number,
  maxInFlight: number,
): Sender {
  const exporter = createExporter(transport, target, maxInFlight);
  const session = new AgentSession();
  return {
    async send() {
      const batch = session.nextBatch(records);
      const start = nowMs();
      await exportOnce(exporter, batch);
      return { records: batch.length, latencyMs: nowMs() - start, retries: 0 };
    },
    close: () => exporter.shutdown(),
  };
}
