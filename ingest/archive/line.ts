// The archive line: one accepted request with how it arrived, the request in canonical OTLP/JSON.
// Documented field by field in docs/archive-format.md; `zstdcat … | jq` reads it.
import type { Signal } from "@/db/telemetry";

export interface RequestMeta {
  receivedAt: number; // epoch ms
  signal: Signal;
  transport: "http" | "grpc" | "transcript";
  encoding: "protobuf" | "json";
  contentEncoding: string | null; // gzip | deflate | null (identity)
  userAgent: string | null;
}

export interface ArchiveLine extends Omit<RequestMeta, "receivedAt"> {
  v: 1;
  receivedAt: string; // ISO 8601 UTC
  request: unknown;
}

/** Builds the line around an already serialized request so the (large) request is stringified once. */
export function toArchiveLine(meta: RequestMeta, requestJson: string): string {
  const head: Omit<ArchiveLine, "request"> = {
    v: 1,
    receivedAt: new Date(meta.receivedAt).toISOString(),
    signal: meta.signal,
    transport: meta.transport,
    encoding: meta.encoding,
    contentEncoding: meta.contentEncoding,
    userAgent: meta.userAgent,
  };
  return `${JSON.stringify(head).slice(0, -1)},"request":${requestJson}}`;
}

export function parseArchiveLine(text: string): ArchiveLine {
  const line = JSON.parse(text) as ArchiveLine;
  if (line.v !== 1 || typeof line.signal !== "string" || typeof line.request !== "object") {
    throw new Error("not a tracemark archive line (v1)");
  }
  return line;
}
