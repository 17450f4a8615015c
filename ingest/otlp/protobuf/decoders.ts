// Protobuf entry points per signal: a whole Export*ServiceRequest body → canonical request + record tally.
import type { SignalDecoders } from "../signal-decoders";
import { decodeLogsRequest } from "./logs";
import { decodeMetricsRequest } from "./metrics";
import { WireReader } from "./reader";
import { decodeTraceRequest } from "./trace";

function run<T>(decode: (r: WireReader) => T) {
  return (body: Uint8Array) => {
    // An empty body is a valid empty message in proto3.
    const r = new WireReader(body);
    return { request: decode(r), tally: r.tally };
  };
}

export const PROTOBUF_DECODERS: SignalDecoders = {
  logs: run(decodeLogsRequest),
  traces: run(decodeTraceRequest),
  metrics: run(decodeMetricsRequest),
};
