// The one record shape the index stores and the domain reads: a log record, span or metric data point with
// its resource, flattened from canonical OTLP. Client adapters (lib/adapters) consume only this, never wire types.

/** An OTLP AnyValue as plain JSON: int64 beyond 2^53 stays a decimal string, bytes are base64. */
export type AttrValue = string | number | boolean | null | AttrValue[] | { [key: string]: AttrValue };
export type Attrs = Record<string, AttrValue>;

export type Signal = "logs" | "traces" | "metrics";

export interface SpanEvent {
  name: string;
  timeNs: string;
  attrs: Attrs;
}

export interface TelemetryRecord {
  signal: Signal;
  /** Index row id within its signal table; arrival order, not meaningful across reindex for grouping. */
  id: number;
  resource: Attrs;
  scopeName: string | null;
  /**
   * logs: `eventName`, else the `event.name` attribute, else "" ; traces: span name; metrics: metric name.
   */
  name: string;
  /** Unix nanoseconds as a decimal string. logs: timeUnixNano, or observedTimeUnixNano when that is 0. */
  timeNs: string;
  /** logs only: observedTimeUnixNano ("0" when absent). */
  observedTimeNs: string | null;
  /** traces only. */
  endTimeNs: string | null;
  /** Lowercase hex, null when absent or empty. */
  traceId: string | null;
  spanId: string | null;
  parentSpanId: string | null;
  attrs: Attrs;
  /** logs: body; metrics: { type, value? , count?, sum? } point summary; traces: null. */
  body: AttrValue;
  /** traces: status code (0 unset, 1 ok, 2 error) and message; kind as the OTLP enum int. */
  statusCode: number | null;
  statusMessage: string | null;
  spanKind: number | null;
  events: SpanEvent[];
}

/** Nanosecond string to epoch milliseconds (float precision is enough for display and durations). */
export function nsToMs(ns: string | null | undefined): number | null {
  if (!ns || ns === "0") return null;
  return Number(BigInt(ns) / 1000n) / 1000;
}
