// Protobuf decoder for ExportMetricsServiceRequest (collector/metrics/v1 + metrics/v1/metrics.proto): Metric
// and its data kinds. Data points live in *-points.ts; each one counts as a record.
import type { OtlpExportMetricsServiceRequest, OtlpKeyValue, OtlpMetric } from "../types";
import { decodeKeyValue } from "./common";
import { decodeEnvelope } from "./envelope";
import { decodeExponentialDataPoint } from "./exponential-points";
import { decodeHistogramDataPoint, decodeSummaryDataPoint } from "./histogram-points";
import { decodeFields, fieldError, type FieldNames } from "./message";
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
  12: "metadata[]",
};

/** The oneof data: one of gauge/sum/histogram/exponentialHistogram/summary (last one on the wire wins). */
type MetricData = Pick<OtlpMetric, "gauge" | "sum" | "histogram" | "exponentialHistogram" | "summary">;

class MetricFields {
  name = "";
  description = "";
  unit = "";
  data: MetricData | null = null;
  metadata: OtlpKeyValue[] = [];
}

function readMetricField(r: WireReader, tag: number, end: number, f: MetricFields): void {
  if (tag === 0x0a)
    f.name = r.string(end); // 1 name
  else if (tag === 0x12)
    f.description = r.string(end); // 2 description
  else if (tag === 0x1a)
    f.unit = r.string(end); // 3 unit
  else if (tag === 0x2a)
    f.data = { gauge: decodeSeries(r, r.length(end), decodeNumberDataPoint, 1) }; // 5 gauge
  else if (tag === 0x3a)
    f.data = { sum: decodeSeries(r, r.length(end), decodeNumberDataPoint, 3) }; // 7 sum
  else if (tag === 0x4a)
    f.data = { histogram: decodeSeries(r, r.length(end), decodeHistogramDataPoint, 2) }; // 9
  else if (tag === 0x52) {
    // 10 exponential_histogram
    f.data = { exponentialHistogram: decodeSeries(r, r.length(end), decodeExponentialDataPoint, 2) };
  } else if (tag === 0x5a)
    f.data = { summary: decodeSeries(r, r.length(end), decodeSummaryDataPoint, 1) }; // 11
  else if (tag === 0x62)
    f.metadata.push(decodeKeyValue(r, r.length(end))); // 12 metadata
  else r.skip(tag, end);
}

function decodeMetric(r: WireReader, end: number): OtlpMetric {
  const f = decodeFields(r, end, METRIC_FIELDS, new MetricFields(), readMetricField);
  const out: OtlpMetric = {};
  if (f.name !== "") out.name = f.name;
  if (f.description !== "") out.description = f.description;
  if (f.unit !== "") out.unit = f.unit;
  if (f.data !== null) Object.assign(out, f.data); // a oneof: present even when empty
  if (f.metadata.length > 0) out.metadata = f.metadata;
  return out;
}

interface Series<P> {
  dataPoints?: P[];
  aggregationTemporality?: number;
  isMonotonic?: boolean;
}

const SERIES_FIELDS: FieldNames = { 1: "dataPoints[]", 2: "aggregationTemporality", 3: "isMonotonic" };

/**
 * Gauge { 1 data_points }, Sum { 1, 2 aggregation_temporality, 3 is_monotonic }, Histogram and
 * ExponentialHistogram { 1, 2 }, Summary { 1 }: `lastField` says how many of the three this kind has (the
 * rest are unknown to it and skipped). Rejected points leave gaps, so errors name the wire index.
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
      field = 0; // a bad tag belongs to no field
      const tag = r.tag(end);
      field = tag >>> 3;
      if (tag === 0x0a) {
        const point = decodePoint(r, r.length(end)); // 1 data_points
        seen++;
        if (point !== null) points.push(point);
      } else if (tag === 0x10 && lastField >= 2)
        temporality = r.int32(end); // 2 aggregation_temporality (enum)
      else if (tag === 0x18 && lastField >= 3)
        monotonic = r.bool(end); // 3 is_monotonic
      else r.skip(tag, end);
    }
  } catch (error) {
    throw fieldError(error, SERIES_FIELDS, field, {}, seen);
  }
  const out: Series<P> = {};
  if (points.length > 0) out.dataPoints = points;
  if (temporality !== 0) out.aggregationTemporality = temporality;
  if (monotonic) out.isMonotonic = true;
  return out;
}
