// OTLP export responses and google.rpc.Status error bodies, in protobuf or OTLP/JSON. Tiny messages, so a
// minimal hand-written writer; proto3 defaults are left out as on the request side.
import type { OtlpEncoding } from "./decode";
import type { Signal } from "./types";

/** Export{Logs,Trace,Metrics}PartialSuccess field 1, by signal (JSON name). */
const REJECTED_FIELD: Readonly<Record<Signal, string>> = {
  logs: "rejectedLogRecords",
  traces: "rejectedSpans",
  metrics: "rejectedDataPoints",
};

/**
 * Export*ServiceResponse: empty when nothing was rejected; otherwise
 * { 1 partial_success: { 1 rejected_<records> (int64), 2 error_message } }.
 */
export function encodeExportResponse(
  signal: Signal,
  encoding: OtlpEncoding,
  rejected: number,
  message: string | null,
): Buffer {
  if (!Number.isSafeInteger(rejected) || rejected < 0) throw new RangeError(`bad rejected count ${rejected}`);
  if (rejected === 0) return encoding === "json" ? Buffer.from("{}") : Buffer.alloc(0);
  const errorMessage = message ?? "";
  if (encoding === "json") {
    const partialSuccess: Record<string, string> = { [REJECTED_FIELD[signal]]: String(rejected) };
    if (errorMessage !== "") partialSuccess.errorMessage = errorMessage;
    return Buffer.from(JSON.stringify({ partialSuccess }));
  }
  const inner = [...varintField(1, rejected), ...stringField(2, errorMessage)];
  return Buffer.from(lengthField(1, inner));
}

/** google.rpc.Status { 1 code (int32), 2 message } for error responses. */
export function encodeRpcStatus(encoding: OtlpEncoding, code: number, message: string): Buffer {
  if (encoding === "json") {
    const status: { code?: number; message?: string } = {};
    if (code !== 0) status.code = code;
    if (message !== "") status.message = message;
    return Buffer.from(JSON.stringify(status));
  }
  return Buffer.from([...varintField(1, code), ...stringField(2, message)]);
}

/**
 * google.rpc.Status { 1 code, 2 message, 3 details: [Any { 1 type_url, 2 value: google.rpc.RetryInfo
 * { 1 retry_delay: Duration { 1 seconds } } }] }: the `grpc-status-details-bin` that tells OTLP exporters a
 * RESOURCE_EXHAUSTED is worth retrying, and when (the OTLP spec retries it only with RetryInfo).
 */
export function encodeRetryStatus(code: number, message: string, delaySeconds: number): Buffer {
  const retryInfo = lengthField(1, varintField(1, delaySeconds));
  const any = [...stringField(1, "type.googleapis.com/google.rpc.RetryInfo"), ...lengthField(2, retryInfo)];
  return Buffer.from([...varintField(1, code), ...stringField(2, message), ...lengthField(3, any)]);
}

function varint(value: number): number[] {
  // int32 negatives are sign-extended to 10 bytes on the wire.
  let n = value < 0 ? BigInt.asUintN(64, BigInt(value)) : BigInt(value);
  const out: number[] = [];
  while (n >= 0x80n) {
    out.push(Number(n & 0x7fn) | 0x80);
    n >>= 7n;
  }
  out.push(Number(n));
  return out;
}

function varintField(field: number, value: number): number[] {
  return value === 0 ? [] : [...varint((field << 3) | 0), ...varint(value)];
}

function lengthField(field: number, bytes: readonly number[] | Uint8Array): number[] {
  return [...varint((field << 3) | 2), ...varint(bytes.length), ...bytes];
}

function stringField(field: number, text: string): number[] {
  return text === "" ? [] : lengthField(field, Buffer.from(text, "utf8"));
}
