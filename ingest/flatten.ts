// Canonical OTLP/JSON request → flat TelemetryRecords (one per log record, span, metric data point).
// Tolerates the raw OTLP/JSON that exporters write (int64 as numbers) so tests can feed fixture bodies.
import type { AttrValue, Attrs, Signal, SpanEvent, TelemetryRecord } from "@/db/telemetry";

/** A TelemetryRecord before it has an index id, plus the columns only the index keeps. */
export type FlatRecord = Omit<TelemetryRecord, "id"> & {
  scopeVersion: string | null;
  severityNumber: number | null;
  severityText: string | null;
};

/** Structural view of the canonical form: only what flattening reads. */
type Json = Record<string, unknown>;
const list = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);
const ns = (v: unknown): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "0");

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** OTLP AnyValue → plain JSON; int64 within ±2^53 becomes a number, beyond stays a decimal string. */
export function toAttrValue(value: unknown): AttrValue {
  if (value === null || typeof value !== "object") return null;
  const v = value as Json;
  if ("stringValue" in v) return typeof v.stringValue === "string" ? v.stringValue : "";
  if ("boolValue" in v) return v.boolValue === true;
  if ("intValue" in v) return toInt(v.intValue);
  if ("doubleValue" in v) return typeof v.doubleValue === "number" ? v.doubleValue : Number(v.doubleValue);
  if ("arrayValue" in v) return list((v.arrayValue as Json | null)?.values).map(toAttrValue);
  if ("kvlistValue" in v) return toAttrs((v.kvlistValue as Json | null)?.values);
  if ("bytesValue" in v) return typeof v.bytesValue === "string" ? v.bytesValue : "";
  return null;
}

function toInt(raw: unknown): number | string {
  if (typeof raw === "number") return raw;
  const text = typeof raw === "string" && raw !== "" ? raw : "0";
  const big = BigInt(text);
  return big <= MAX_SAFE && big >= -MAX_SAFE ? Number(big) : text;
}

export function toAttrs(keyValues: unknown): Attrs {
  const attrs: Attrs = {};
  for (const kv of list(keyValues)) {
    if (typeof kv.key === "string") attrs[kv.key] = toAttrValue(kv.value);
  }
  return attrs;
}

const EMPTY: Omit<FlatRecord, "signal" | "resource" | "scopeName" | "scopeVersion" | "name" | "timeNs" | "attrs"> = {
  observedTimeNs: null,
  endTimeNs: null,
  traceId: null,
  spanId: null,
  parentSpanId: null,
  body: null,
  statusCode: null,
  statusMessage: null,
  spanKind: null,
  events: [],
  severityNumber: null,
  severityText: null,
};

/** Visits resource → scope → items for one signal's envelope keys. */
function walk(
  request: Json,
  resourceKey: string,
  scopeKey: string,
  itemsKey: string,
  visit: (item: Json, resource: Attrs, scope: { scopeName: string | null; scopeVersion: string | null }) => void,
): void {
  for (const resourceGroup of list(request[resourceKey])) {
    const resource = toAttrs((resourceGroup.resource as Json | undefined)?.attributes);
    for (const scopeGroup of list(resourceGroup[scopeKey])) {
      const scopeInfo = scopeGroup.scope as Json | undefined;
      const scope = { scopeName: str(scopeInfo?.name), scopeVersion: str(scopeInfo?.version) };
      for (const item of list(scopeGroup[itemsKey])) visit(item, resource, scope);
    }
  }
}

function flattenLogs(request: Json, out: FlatRecord[]): void {
  walk(request, "resourceLogs", "scopeLogs", "logRecords", (log, resource, scope) => {
    const attrs = toAttrs(log.attributes);
    const time = ns(log.timeUnixNano);
    const observed = ns(log.observedTimeUnixNano);
    const eventAttr = attrs["event.name"];
    out.push({
      ...EMPTY,
      signal: "logs",
      resource,
      ...scope,
      name: str(log.eventName) ?? (typeof eventAttr === "string" ? eventAttr : ""),
      timeNs: time !== "0" ? time : observed,
      observedTimeNs: observed,
      traceId: str(log.traceId),
      spanId: str(log.spanId),
      attrs,
      body: toAttrValue(log.body),
      severityNumber: typeof log.severityNumber === "number" ? log.severityNumber : null,
      severityText: str(log.severityText),
    });
  });
}

function flattenSpans(request: Json, out: FlatRecord[]): void {
  walk(request, "resourceSpans", "scopeSpans", "spans", (span, resource, scope) => {
    const status = (span.status ?? {}) as Json;
    const events: SpanEvent[] = list(span.events).map((event) => ({
      name: str(event.name) ?? "",
      timeNs: ns(event.timeUnixNano),
      attrs: toAttrs(event.attributes),
    }));
    out.push({
      ...EMPTY,
      signal: "traces",
      resource,
      ...scope,
      name: str(span.name) ?? "",
      timeNs: ns(span.startTimeUnixNano),
      endTimeNs: ns(span.endTimeUnixNano),
      traceId: str(span.traceId),
      spanId: str(span.spanId),
      parentSpanId: str(span.parentSpanId),
      attrs: toAttrs(span.attributes),
      statusCode: typeof status.code === "number" ? status.code : 0,
      statusMessage: str(status.message),
      spanKind: typeof span.kind === "number" ? span.kind : 0,
      events,
    });
  });
}

/** Metric kinds and how a point is summarized into `body`. */
const METRIC_KINDS = ["gauge", "sum", "histogram", "exponentialHistogram", "summary"] as const;

function pointSummary(kind: string, point: Json): AttrValue {
  if (kind === "gauge" || kind === "sum") {
    const value = "asInt" in point ? toInt(point.asInt) : typeof point.asDouble === "number" ? point.asDouble : 0;
    return { type: kind, value };
  }
  return { type: kind, count: toInt(point.count ?? "0"), sum: typeof point.sum === "number" ? point.sum : null };
}

function flattenMetrics(request: Json, out: FlatRecord[]): void {
  walk(request, "resourceMetrics", "scopeMetrics", "metrics", (metric, resource, scope) => {
    const name = str(metric.name) ?? "";
    for (const kind of METRIC_KINDS) {
      const data = metric[kind] as Json | undefined;
      if (!data) continue;
      for (const point of list(data.dataPoints)) {
        out.push({
          ...EMPTY,
          signal: "metrics",
          resource,
          ...scope,
          name,
          timeNs: ns(point.timeUnixNano),
          attrs: toAttrs(point.attributes),
          body: pointSummary(kind, point),
        });
      }
    }
  });
}

const FLATTENERS: Record<Signal, (request: Json, out: FlatRecord[]) => void> = {
  logs: flattenLogs,
  traces: flattenSpans,
  metrics: flattenMetrics,
};

export function flattenRequest(signal: Signal, request: unknown): FlatRecord[] {
  const out: FlatRecord[] = [];
  FLATTENERS[signal](request as Json, out);
  return out;
}
