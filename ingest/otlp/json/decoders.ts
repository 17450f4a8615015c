// OTLP/JSON entry points per signal: body bytes → JSON.parse → canonical request + record tally.
import { OtlpDecodeError } from "../decode-error";
import { RecordTally } from "../record-tally";
import type { SignalDecoders } from "../signal-decoders";
import { decodeLogsJson } from "./logs";
import { decodeMetricsJson } from "./metrics";
import { kindOf } from "./scalars";
import { isObject, type JsonObject } from "./structure";
import { decodeTraceJson } from "./trace";

/** Invalid UTF-8 becomes U+FFFD, as in the protobuf decoder; a leading BOM is tolerated. */
function parseBody(body: Uint8Array): JsonObject {
  if (body.length === 0) throw new OtlpDecodeError("empty body: an OTLP/JSON request is at least {}");
  let text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new OtlpDecodeError(`invalid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isObject(parsed))
    throw new OtlpDecodeError(`expected a JSON object at the top level, got ${kindOf(parsed)}`);
  return parsed;
}

function run<T>(decode: (request: JsonObject, tally: RecordTally) => T) {
  return (body: Uint8Array) => {
    const tally = new RecordTally();
    return { request: decode(parseBody(body), tally), tally };
  };
}

export const JSON_DECODERS: SignalDecoders = {
  logs: run(decodeLogsJson),
  traces: run(decodeTraceJson),
  metrics: run(decodeMetricsJson),
};
