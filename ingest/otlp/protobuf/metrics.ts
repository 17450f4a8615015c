// Protobuf decoder for ExportMetricsServiceRequest (collector/metrics/v1 + metrics/v1/metrics.proto): Metric
// and its data kinds. Data points live in *-points.ts; each one counts as a record.
import type { OtlpExportMetricsServiceRequest, OtlpKeyValue, OtlpMetric } from "../types";
import { decodeKeyValue, fieldError, type FieldNames } from "./common";
import { decodeEnvelope } from "./envelope";
import { decodeExponentialDataPoint } from "./exponential-points";
import { decodeHistogramDataPoint, decodeSummaryDataPoint } from "./histogram-points";
import { decodeNumberDataPoint } from "./number-points";
import type { WireReader } from "./reader";

export function decodeMetricsRequest(r: WireReader): OtlpExportMetricsServiceRequest {
  return decodeEnvelope(
    r,
    { resources: "resourceMetrics", scopes: "scopeMetrics", items: "metrics" },
    decodeMetric,
  );
}

const METRIC_FIELDS: FieldNames = {
  1: "name",
  2: "description",
  3: "unit",
  5: "gauge",
  7: "sum",
  9: "histogram",
  10: "exponentialHistogram",
  11: "summary",
  12: "metadata",
};

/** The oneof data: exactly one of gauge/sum/histogram/exponentialHistogram/summary. */
type MetricData = Pick<OtlpMetric, "gauge" | "sum" | "histogram" | "exponentialHistogram" | "summary">;

function decodeMetric(r: WireReader, end: number): OtlpMetric {
  let name = "";
  let description = "";
  let unit = "";
  let data: MetricData | null = null;
  const metadata: OtlpKeyValue[] = [];
  let field = 0;
  let index = -1;
  try {
    while (r.pos < end) {
      const tag = r.tag(end);
      field = tag >>> 3;
      index = -1;
      if (tag === 0x0a)
        name = r.string(end); // 1 name
      else if (tag === 0x12)
        description = r.string(end); // 2 description
      else if (tag === 0x1a)
        unit = r.string(end); // 3 unit
      else if (tag === 0x62) {
        // 12 metadata
        index = metadata.length;
        metadata.push(decodeKeyValue(r, r.length(end)));
      } else {
        data = decodeData(r, tag, end) ?? data;
      }
    }
  } catch (error) {
    throw fieldError(error, METRIC_FIELDS, field, index);
  }
  const out: OtlpMetric = {};
  if (name !== "") out.name = name;
  if (description !== "") out.description = description;
  if (unit !== "") out.unit = unit;
  if (data !== null) Object.assign(out, data);
  if (metadata.length > 0) out.metadata = metadata;
  return out;
}

/** The oneof data field (last one wins, as in protobuf), or null after skipping any other field. */
function decodeData(r: WireReader, tag: number, end: number): MetricData | null {
  switch (tag) {
    case 0x2a: // 5 gauge: 1 data_points
      return { gauge: decodeSeries(r, r.length(end), decodeNumberDataPoint, 1) };
    case 0x3a: // 7 sum: 1 data_points, 2 aggregation_temporality, 3 is_monotonic
      return { sum: decodeSeries(r, r.length(end), decodeNumberDataPoint, 3) };
    case 0x4a: // 9 histogram: 1 data_points, 2 aggregation_temporality
      return { histogram: decodeSeries(r, r.length(end), decodeHistogramDataPoint, 2) };
    case 0x52: // 10 exponential_histogram: 1 data_points, 2 aggregation_temporality
      return { exponentialHistogram: decodeSeries(r, r.length(end), decodeExponentialDataPoint, 2) };
    case 0x5a: // 11 summary: 1 data_points
      return { summary: decodeSeries(r, r.length(end), decodeSummaryDataPoint, 1) };
    default:
      r.skip(tag, end);
      return null;
  }
}

interface Series<P> {
  dataPoints?: P[];
  aggregationTemporality?: number;
  isMonotonic?: boolean;
}

const SERIES_FIELDS: FieldNames = { 1: "dataPoints", 2: "aggregationTemporality", 3: "isMonotonic" };

/**
 * Gauge, Sum, Histogram, ExponentialHistogram and Summary share one layout; `lastField` says how many of
 * the three fields this kind has (the rest are unknown fields to it and skipped).
 */
function decodeSeries<P>(
  r: WireReader,
  end: number,
  decodePoint: (r: WireReader, end: number) => P | null,
  lastField: 1 | 2 | 3,
): Series<P> {
  const points: P[] = [];
  let temporality = 0;
  let monotonic = false;
  let field = 0;
  let seen = 0;
  try {
    while (r.pos < end) {
      const tag = r.tag(end);
      field = tag >>> 3;
      if (tag === 0x0a) {
        // 1 data_points
        const point = decodePoint(r, r.length(end));
        seen++;
        if (point !== null) points.push(point);
      } else if (tag === 0x10 && lastField >= 2)
        temporality = r.varint32(end) | 0; // 2 (enum)
      else if (tag === 0x18 && lastField >= 3) {
        // 3 is_monotonic (bool)
        r.varint64(end);
        monotonic = (r.lo | r.hi) !== 0;
      } else r.skip(tag, end);
    }
  } catch (error) {
    throw fieldError(error, SERIES_FIELDS, field, field === 1 ? seen : -1);
  }
  const out: Series<P> = {};
  if (points.length > 0) out.dataPoints = points;
  if (temporality !== 0) out.aggregationTemporality = temporality;
  if (monotonic) out.isMonotonic = true;
  return out;
}
