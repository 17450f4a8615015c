// OTLP/gRPC: the three collector services' unary Export, raw bytes in and out (identity serializers; our own
// decoder does the protobuf). grpc-js handles gzip and enforces the message size limits.
import * as grpc from "@grpc/grpc-js";
import type { Signal } from "@/db/telemetry";
import type { IngestBudget } from "./budget";
import { admissionInterceptor, type Authorize } from "./grpc-admission";
import { IngestError } from "./errors";
import { encodeExportResponse } from "./otlp/encode-response";
import type { Receiver } from "./receiver";

const SERVICES: Record<Signal, string> = {
  logs: "opentelemetry.proto.collector.logs.v1.LogsService",
  traces: "opentelemetry.proto.collector.trace.v1.TraceService",
  metrics: "opentelemetry.proto.collector.metrics.v1.MetricsService",
};

const identity = (buffer: Buffer): Buffer => buffer;

function serviceDefinition(signal: Signal): grpc.ServiceDefinition {
  return {
    Export: {
      path: `/${SERVICES[signal]}/Export`,
      requestStream: false,
      responseStream: false,
      requestSerialize: identity,
      requestDeserialize: identity,
      responseSerialize: identity,
      responseDeserialize: identity,
    },
  };
}

/** The token was checked by the admission interceptor before the body was read. */
function exportHandler(signal: Signal, receiver: Receiver): grpc.handleUnaryCall<Buffer, Buffer> {
  return (call, callback) => {
    const userAgent = call.metadata.get("user-agent")[0];
    const contentEncoding = call.metadata.get("grpc-encoding")[0];
    receiver
      .receive({
        signal,
        encoding: "protobuf",
        transport: "grpc",
        contentEncoding:
          typeof contentEncoding === "string" && contentEncoding !== "identity" ? contentEncoding : null,
        userAgent: typeof userAgent === "string" ? userAgent : null,
        body: call.request,
      })
      .then(
        (result) =>
          callback(null, encodeExportResponse(signal, "protobuf", result.rejected, result.rejectionMessage)),
        (error: unknown) => {
          if (!(error instanceof IngestError)) console.error("tracemark: OTLP/gRPC export failed:", error);
          const known = error instanceof IngestError ? error : null;
          callback({
            code: known?.grpcStatus ?? grpc.status.INTERNAL,
            details: known?.message ?? "internal error",
          });
        },
      );
  };
}

/** Pings an idle connection this often to find dead peers; with the timeout, a vanished client is dropped
 * within ~80 s instead of holding its descriptor until the OS gives up. */
const KEEPALIVE_TIME_MS = 60_000;
const KEEPALIVE_TIMEOUT_MS = 20_000;
/** After max-age GOAWAY, calls still running get this long to finish before the connection is cut. */
const MAX_AGE_GRACE_MS = 60_000;

export interface GrpcLimits {
  maxMessageBytes: number;
  connectionIdleMs: number;
  connectionMaxAgeMs: number;
}

export function createOtlpGrpcServer(
  receiver: Receiver,
  limits: GrpcLimits,
  budget: IngestBudget,
  authorize: Authorize,
): grpc.Server {
  const server = new grpc.Server({
    "grpc.max_receive_message_length": limits.maxMessageBytes,
    "grpc.max_send_message_length": 4 * 2 ** 20,
    "grpc.max_concurrent_streams": 100,
    "grpc.max_connection_idle_ms": limits.connectionIdleMs,
    "grpc.max_connection_age_ms": limits.connectionMaxAgeMs,
    "grpc.max_connection_age_grace_ms": MAX_AGE_GRACE_MS,
    "grpc.keepalive_time_ms": KEEPALIVE_TIME_MS,
    "grpc.keepalive_timeout_ms": KEEPALIVE_TIMEOUT_MS,
    interceptors: [admissionInterceptor(budget, limits.maxMessageBytes, authorize)],
  });
  for (const signal of Object.keys(SERVICES) as Signal[]) {
    server.addService(serviceDefinition(signal), { Export: exportHandler(signal, receiver) });
  }
  return server;
}
