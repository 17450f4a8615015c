// OTLP/JSON decoder for ExportMetricsServiceRequest: Metric and its oneof data kind (metrics.proto order).
import { OtlpDecodeError } from "../decode-error";
import type { RecordTally } from "../record-tally";
import type { OtlpExportMetricsServiceRequest, OtlpMetric } from "../types";
import { decodeAttributes } from "./common";
import { decodeEnvelope } from "./envelope";
import { AGGREGATION_TEMPORALITY_NAMES } from "./enums";
import {
  decodeExponentialPoint,
  decodeHistogramPoint,
  decodeNumberPoint,
  decodeSummaryPoint,
} from "./points";
import { readBool, readEnum, readString } from "./scalars";
import { decodeList, decodeMessage, type JsonObject } from "./structure";

export function decodeMetricsJson(request: JsonObject, tally: RecordTally): OtlpExportMetricsServiceRequest {
  return decodeEnvelope(
    request,
    { resources: "resourceMetrics", scopes: "scopeMetrics", items: "metrics" },
    (o) => decodeMetric(o, tally),
  );
}

type DataKind = "gauge" | "sum" | "histogram" | "exponentialHistogram" | "summary";
const DATA_KINDS: readonly DataKind[] = ["gauge", "sum", "histogram", "exponentialHistogram", "summary"];

interface SeriesShape {
  /** Which of aggregationTemporality / isMonotonic this kind has. */
  temporality: boolean;
  monotonic: boolean;
  decodePoint: (o: JsonObject, tally: RecordTally) => object | null;
}

const SERIES: Readonly<Record<DataKind, SeriesShape>> = {
  gauge: { temporality: false, monotonic: false, decodePoint: decodeNumberPoint },
  sum: { temporality: true, monotonic: true, decodePoint: decodeNumberPoint },
  histogram: { temporality: true, monotonic: false, decodePoint: decodeHistogramPoint },
  exponentialHistogram: { temporality: true, monotonic: false, decodePoint: decodeExponentialPoint },
  summary: { temporality: false, monotonic: false, decodePoint: decodeSummaryPoint },
};

function decodeMetric(o: JsonObject, tally: RecordTally): OtlpMetric {
  const name = readString(o.name, "name");
  const description = readString(o.description, "description");
  const unit = readString(o.unit, "unit");
  const out: OtlpMetric = {};
  if (name !== "") out.name = name;
  if (description !== "") out.description = description;
  if (unit !== "") out.unit = unit;
  const kinds = DATA_KINDS.filter((kind) => o[kind] != null);
  if (kinds.length > 1) throw new OtlpDecodeError(`more than one data kind set (${kinds.join(", ")})`);
  const kind = kinds[0];
  if (kind !== undefined) {
    // The data kind is a oneof: present even when empty.
    const series = decodeMessage(o[kind], kind, (s) => decodeSeries(s, SERIES[kind], tally));
    if (series !== null) Object.assign(out, { [kind]: series });
  }
  const metadata = decodeAttributes(o.metadata, "metadata");
  if (metadata.length > 0) out.metadata = metadata;
  return out;
}

function decodeSeries(o: JsonObject, shape: SeriesShape, tally: RecordTally): object {
  const out: { dataPoints?: object[]; aggregationTemporality?: number; isMonotonic?: boolean } = {};
  const points = decodeList(o.dataPoints, "dataPoints", (p) => shape.decodePoint(p, tally));
  if (points.length > 0) out.dataPoints = points;
  if (shape.temporality) {
    const temporality = readEnum(
      o.aggregationTemporality,
      "aggregationTemporality",
      AGGREGATION_TEMPORALITY_NAMES,
    );
    if (temporality !== 0) out.aggregationTemporality = temporality;
  }
  if (shape.monotonic && readBool(o.isMonotonic, "isMonotonic")) out.isMonotonic = true;
  return out;
}
