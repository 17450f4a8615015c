// Public entry point: one OTLP Export*ServiceRequest body (protobuf or JSON) → the canonical OTLP/JSON request,
// its record count and any partial-success rejection. Transport, decompression and size limits are the caller's.
import { OtlpDecodeError } from "./decode-error";
import { JSON_DECODERS } from "./json/decoders";
import { PROTOBUF_DECODERS } from "./protobuf/decoders";
import type { SignalDecoders } from "./signal-decoders";
import type { CanonicalRequestBySignal, Signal } from "./types";

export { OtlpDecodeError };

export type OtlpEncoding = "protobuf" | "json";

export interface DecodedRequest<S extends Signal = Signal> {
  request: CanonicalRequestBySignal[S];
  /** Log records, spans, or metric data points (every point of every kind) kept in `request`. */
  records: number;
  /** Records dropped for a wrong-length id (reported to the client as partial success). */
  rejected: number;
  rejectionMessage: string | null;
}

const DECODERS: Readonly<Record<OtlpEncoding, SignalDecoders>> = {
  protobuf: PROTOBUF_DECODERS,
  json: JSON_DECODERS,
};

/** What a record is called in rejection messages. */
const RECORD_NOUNS: Readonly<Record<Signal, readonly [string, string]>> = {
  logs: ["log record", "log records"],
  traces: ["span", "spans"],
  metrics: ["data point", "data points"],
};

/** @throws OtlpDecodeError, and nothing else, for any body. */
export function decodeExportRequest<S extends Signal>(
  signal: S,
  encoding: OtlpEncoding,
  body: Uint8Array,
): DecodedRequest<S> {
  const decode: SignalDecoders[S] = DECODERS[encoding][signal];
  let decoded;
  try {
    decoded = decode(body);
  } catch (error) {
    if (error instanceof OtlpDecodeError) throw error;
    // A decoder bug or an engine limit (e.g. RangeError) must still read as a bad request, not crash ingest.
    const detail = error instanceof Error ? error.message : String(error);
    throw new OtlpDecodeError(`internal decoder error: ${detail}`);
  }
  const [singular, plural] = RECORD_NOUNS[signal];
  return {
    request: decoded.request,
    records: decoded.tally.accepted,
    rejected: decoded.tally.rejected,
    rejectionMessage: decoded.tally.message(singular, plural),
  };
}
