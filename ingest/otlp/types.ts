// Canonical OTLP/JSON shapes: what both decoders emit and everything downstream reads. Owns the wire-neutral
// form only (no decoding). Keys are listed in .proto declaration order, which is the order decoders emit.
//
// Canonical rules: ids lowercase hex; other bytes base64; 64-bit integers decimal strings; enums integers;
// doubles numbers or "NaN"/"Infinity"/"-Infinity"; proto3 defaults omitted, and so are singular messages
// that decode to {} (an empty status, scope or AnyValue body carries no information); oneof members keep
// presence ({ stringValue: "" } stays).

import type { Signal } from "@/db/telemetry";

export type { Signal };

/** Decimal string of a 64-bit integer ("1795272707998000000", "-5"). */
export type Int64String = string;
export type OtlpDouble = number | "NaN" | "Infinity" | "-Infinity";

// common.proto / resource.proto

/** Exactly one variant set, or none ({} = empty value). */
export interface OtlpAnyValue {
  stringValue?: string; // 1
  boolValue?: boolean; // 2
  intValue?: Int64String; // 3
  doubleValue?: OtlpDouble; // 4
  arrayValue?: OtlpArrayValue; // 5
  kvlistValue?: OtlpKeyValueList; // 6
  bytesValue?: string; // 7, base64
}

export interface OtlpArrayValue {
  values?: OtlpAnyValue[]; // 1
}

export interface OtlpKeyValueList {
  values?: OtlpKeyValue[]; // 1
}

export interface OtlpKeyValue {
  key?: string; // 1
  value?: OtlpAnyValue; // 2
}

export interface OtlpInstrumentationScope {
  name?: string; // 1
  version?: string; // 2
  attributes?: OtlpKeyValue[]; // 3
  droppedAttributesCount?: number; // 4
}

export interface OtlpEntityRef {
  schemaUrl?: string; // 1
  type?: string; // 2
  idKeys?: string[]; // 3
  descriptionKeys?: string[]; // 4
}

export interface OtlpResource {
  attributes?: OtlpKeyValue[]; // 1
  droppedAttributesCount?: number; // 2
  entityRefs?: OtlpEntityRef[]; // 3
}

// logs.proto

export interface OtlpLogRecord {
  timeUnixNano?: Int64String; // 1
  observedTimeUnixNano?: Int64String; // 11
  severityNumber?: number; // 2
  severityText?: string; // 3
  body?: OtlpAnyValue; // 5
  attributes?: OtlpKeyValue[]; // 6
  droppedAttributesCount?: number; // 7
  flags?: number; // 8
  traceId?: string; // 9
  spanId?: string; // 10
  eventName?: string; // 12
}

export interface OtlpScopeLogs {
  scope?: OtlpInstrumentationScope; // 1
  logRecords?: OtlpLogRecord[]; // 2
  schemaUrl?: string; // 3
}

export interface OtlpResourceLogs {
  resource?: OtlpResource; // 1
  scopeLogs?: OtlpScopeLogs[]; // 2
  schemaUrl?: string; // 3
}

export interface OtlpExportLogsServiceRequest {
  resourceLogs?: OtlpResourceLogs[]; // 1
}

// trace.proto

export interface OtlpSpanEvent {
  timeUnixNano?: Int64String; // 1
  name?: string; // 2
  attributes?: OtlpKeyValue[]; // 3
  droppedAttributesCount?: number; // 4
}

export interface OtlpSpanLink {
  traceId?: string; // 1
  spanId?: string; // 2
  traceState?: string; // 3
  attributes?: OtlpKeyValue[]; // 4
  droppedAttributesCount?: number; // 5
  flags?: number; // 6
}

export interface OtlpStatus {
  message?: string; // 2
  code?: number; // 3
}

export interface OtlpSpan {
  traceId?: string; // 1
  spanId?: string; // 2
  traceState?: string; // 3
  parentSpanId?: string; // 4
  flags?: number; // 16
  name?: string; // 5
  kind?: number; // 6
  startTimeUnixNano?: Int64String; // 7
  endTimeUnixNano?: Int64String; // 8
  attributes?: OtlpKeyValue[]; // 9
  droppedAttributesCount?: number; // 10
  events?: OtlpSpanEvent[]; // 11
  droppedEventsCount?: number; // 12
  links?: OtlpSpanLink[]; // 13
  droppedLinksCount?: number; // 14
  status?: OtlpStatus; // 15
}

export interface OtlpScopeSpans {
  scope?: OtlpInstrumentationScope; // 1
  spans?: OtlpSpan[]; // 2
  schemaUrl?: string; // 3
}

export interface OtlpResourceSpans {
  resource?: OtlpResource; // 1
  scopeSpans?: OtlpScopeSpans[]; // 2
  schemaUrl?: string; // 3
}

export interface OtlpExportTraceServiceRequest {
  resourceSpans?: OtlpResourceSpans[]; // 1
}

// metrics.proto

export interface OtlpExemplar {
  filteredAttributes?: OtlpKeyValue[]; // 7
  timeUnixNano?: Int64String; // 2
  asDouble?: OtlpDouble; // 3 (oneof value)
  asInt?: Int64String; // 6 (oneof value)
  spanId?: string; // 4
  traceId?: string; // 5
}

export interface OtlpNumberDataPoint {
  attributes?: OtlpKeyValue[]; // 7
  startTimeUnixNano?: Int64String; // 2
  timeUnixNano?: Int64String; // 3
  asDouble?: OtlpDouble; // 4 (oneof value)
  asInt?: Int64String; // 6 (oneof value)
  exemplars?: OtlpExemplar[]; // 5
  flags?: number; // 8
}

export interface OtlpHistogramDataPoint {
  attributes?: OtlpKeyValue[]; // 9
  startTimeUnixNano?: Int64String; // 2
  timeUnixNano?: Int64String; // 3
  count?: Int64String; // 4
  sum?: OtlpDouble; // 5 (optional: presence kept)
  bucketCounts?: Int64String[]; // 6
  explicitBounds?: OtlpDouble[]; // 7
  exemplars?: OtlpExemplar[]; // 8
  flags?: number; // 10
  min?: OtlpDouble; // 11 (optional)
  max?: OtlpDouble; // 12 (optional)
}

export interface OtlpExponentialBuckets {
  offset?: number; // 1
  bucketCounts?: Int64String[]; // 2
}

export interface OtlpExponentialHistogramDataPoint {
  attributes?: OtlpKeyValue[]; // 1
  startTimeUnixNano?: Int64String; // 2
  timeUnixNano?: Int64String; // 3
  count?: Int64String; // 4
  sum?: OtlpDouble; // 5 (optional)
  scale?: number; // 6
  zeroCount?: Int64String; // 7
  positive?: OtlpExponentialBuckets; // 8
  negative?: OtlpExponentialBuckets; // 9
  flags?: number; // 10
  exemplars?: OtlpExemplar[]; // 11
  min?: OtlpDouble; // 12 (optional)
  max?: OtlpDouble; // 13 (optional)
  zeroThreshold?: OtlpDouble; // 14
}

export interface OtlpValueAtQuantile {
  quantile?: OtlpDouble; // 1
  value?: OtlpDouble; // 2
}

export interface OtlpSummaryDataPoint {
  attributes?: OtlpKeyValue[]; // 7
  startTimeUnixNano?: Int64String; // 2
  timeUnixNano?: Int64String; // 3
  count?: Int64String; // 4
  sum?: OtlpDouble; // 5
  quantileValues?: OtlpValueAtQuantile[]; // 6
  flags?: number; // 8
}

export interface OtlpGauge {
  dataPoints?: OtlpNumberDataPoint[]; // 1
}

export interface OtlpSum {
  dataPoints?: OtlpNumberDataPoint[]; // 1
  aggregationTemporality?: number; // 2
  isMonotonic?: boolean; // 3
}

export interface OtlpHistogram {
  dataPoints?: OtlpHistogramDataPoint[]; // 1
  aggregationTemporality?: number; // 2
}

export interface OtlpExponentialHistogram {
  dataPoints?: OtlpExponentialHistogramDataPoint[]; // 1
  aggregationTemporality?: number; // 2
}

export interface OtlpSummary {
  dataPoints?: OtlpSummaryDataPoint[]; // 1
}

/** At most one of gauge/sum/histogram/exponentialHistogram/summary (oneof data: presence kept). */
export interface OtlpMetric {
  name?: string; // 1
  description?: string; // 2
  unit?: string; // 3
  gauge?: OtlpGauge; // 5
  sum?: OtlpSum; // 7
  histogram?: OtlpHistogram; // 9
  exponentialHistogram?: OtlpExponentialHistogram; // 10
  summary?: OtlpSummary; // 11
  metadata?: OtlpKeyValue[]; // 12
}

export interface OtlpScopeMetrics {
  scope?: OtlpInstrumentationScope; // 1
  metrics?: OtlpMetric[]; // 2
  schemaUrl?: string; // 3
}

export interface OtlpResourceMetrics {
  resource?: OtlpResource; // 1
  scopeMetrics?: OtlpScopeMetrics[]; // 2
  schemaUrl?: string; // 3
}

export interface OtlpExportMetricsServiceRequest {
  resourceMetrics?: OtlpResourceMetrics[]; // 1
}

export interface CanonicalRequestBySignal {
  logs: OtlpExportLogsServiceRequest;
  traces: OtlpExportTraceServiceRequest;
  metrics: OtlpExportMetricsServiceRequest;
}

export type CanonicalRequest = CanonicalRequestBySignal[Signal];
