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

type Scope = { scopeName: string | null; scopeVersion: string | null };

/**
 * A record with every field present, so all records share one object shape. Built as one literal and then
 * filled in: spreading a defaults object per record cost ~6× more (bench profile, 40k records).
 */
function baseRecord(
  signal: Signal,
  resource: Attrs,
  scope: Scope,
  name: string,
  timeNs: string,
  attrs: Attrs,
): FlatRecord {
  return {
    signal,
    resource,
    scopeName: scope.scopeName,
    scopeVersion: scope.scopeVersion,
    name,
    timeNs,
    attrs,
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
}

/** Visits resource → scope → items for one signal's envelope keys. */
function walk(
  request: Json,
  resourceKey: string,
  scopeKey: string,
  itemsKey: string,
  visit: (item: Json, resource: Attrs, scope: Scope) => void,
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
    const name = str(log.eventName) ?? (typeof eventAttr === "string" ? eventAttr : "");
    const record = baseRecord("logs", resource, scope, name, time !== "0" ? time : observed, attrs);
    record.observedTimeNs = observed;
    record.traceId = str(log.traceId);
    record.spanId = str(log.spanId);
    record.body = toAttrValue(log.body);
    record.severityNumber = typeof log.severityNumber === "number" ? log.severityNumber : null;
    record.severityText = str(log.severityText);
    out.push(record);
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
    const record = baseRecord(
      "traces",
      resource,
      scope,
      str(span.name) ?? "",
      ns(span.startTimeUnixNano),
      toAttrs(span.attributes),
    );
    record.endTimeNs = ns(span.endTimeUnixNano);
    record.traceId = str(span.traceId);
    record.spanId = str(span.spanId);
    record.parentSpanId = str(span.parentSpanId);
    record.statusCode = typeof status.code === "number" ? status.code : 0;
    record.statusMessage = str(status.message);
    record.spanKind = typeof span.kind === "number" ? span.kind : 0;
    record.events = events;
    out.push(record);
  });
}

/** Metric kinds and how a point is summarized into `body`. */
const METRIC_KINDS = ["gauge", "sum", "histogram", "exponentialHistogram", "summary"] as const;

/** A sum point also keeps its start time and whether it is cumulative (`aggregationTemporality` 2): a
 * cumulative series is one process's running total, so usage is its last value per start, not the sum of
 * every export (lib/overview/metrics-only.ts). */
function pointSummary(kind: string, point: Json, data: Json): AttrValue {
  if (kind === "gauge" || kind === "sum") {
    const value =
      "asInt" in point ? toInt(point.asInt) : typeof point.asDouble === "number" ? point.asDouble : 0;
    if (kind === "gauge") return { type: kind, value };
    return {
      type: kind,
      value,
      start: ns(point.startTimeUnixNano),
      cumulative: data.aggregationTemporality === 2,
    };
  }
  const sum = typeof point.sum === "number" ? point.sum : null;
  return {
    type: kind,
    count: toInt(point.count ?? "0"),
    sum,
    start: ns(point.startTimeUnixNano),
    cumulative: data.aggregationTemporality === 2,
  };
}

function flattenMetrics(request: Json, out: FlatRecord[]): void {
  walk(request, "resourceMetrics", "scopeMetrics", "metrics", (metric, resource, scope) => {
    const name = str(metric.name) ?? "";
    for (const kind of METRIC_KINDS) {
      const data = metric[kind] as Json | undefined;
      if (!data) continue;
      for (const point of list(data.dataPoints)) {
        const record = baseRecord(
          "metrics",
          resource,
          scope,
          name,
          ns(point.timeUnixNano),
          toAttrs(point.attributes),
        );
        record.body = pointSummary(kind, point, data);
        out.push(record);
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
