// How an OTLP request can fail, and what each failure is on the wire: one table for HTTP and gRPC alike.
import { status as GrpcStatus } from "@grpc/grpc-js";

export type IngestErrorKind =
  | "bad-request" // undecodable body
  | "too-large" // body or its decompressed form over the limit
  | "unsupported-media" // neither protobuf nor JSON
  | "method" // not POST
  | "not-found" // not an OTLP path
  | "forbidden" // browser cross-origin request
  | "unauthorized" // token required and missing or wrong
  | "unavailable" // archive not writable (disk full, permissions): retryable
  | "busy" // indexer backlog or in-flight requests over their bound: retryable
  | "over-budget"; // bodies in flight over the memory budget: retryable

const WIRE: Record<IngestErrorKind, { http: number; grpc: GrpcStatus; retryAfter?: number }> = {
  "bad-request": { http: 400, grpc: GrpcStatus.INVALID_ARGUMENT },
  "too-large": { http: 413, grpc: GrpcStatus.RESOURCE_EXHAUSTED },
  "unsupported-media": { http: 415, grpc: GrpcStatus.INVALID_ARGUMENT },
  method: { http: 405, grpc: GrpcStatus.UNIMPLEMENTED },
  "not-found": { http: 404, grpc: GrpcStatus.UNIMPLEMENTED },
  forbidden: { http: 403, grpc: GrpcStatus.PERMISSION_DENIED },
  unauthorized: { http: 401, grpc: GrpcStatus.UNAUTHENTICATED },
  unavailable: { http: 503, grpc: GrpcStatus.UNAVAILABLE, retryAfter: 5 },
  busy: { http: 429, grpc: GrpcStatus.UNAVAILABLE, retryAfter: 1 },
  "over-budget": { http: 429, grpc: GrpcStatus.RESOURCE_EXHAUSTED, retryAfter: 1 },
};

export class IngestError extends Error {
  constructor(
    readonly kind: IngestErrorKind,
    message: string,
  ) {
    super(message);
  }

  get httpStatus(): number {
    return WIRE[this.kind].http;
  }

  get grpcStatus(): GrpcStatus {
    return WIRE[this.kind].grpc;
  }

  /** Seconds a client should wait before retrying, for retryable kinds. */
  get retryAfter(): number | undefined {
    return WIRE[this.kind].retryAfter;
  }
}
