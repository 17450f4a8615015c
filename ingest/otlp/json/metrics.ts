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

function decodeMetric(o: JsonObject, tally: RecordTally): OtlpMetric {
  const out: OtlpMetric = {};
  const name = readString(o.name, "name");
  const description = readString(o.description, "description");
  const unit = readString(o.unit, "unit");
  if (name !== "") out.name = name;
  if (description !== "") out.description = description;
  if (unit !== "") out.unit = unit;
  const kinds = DATA_KINDS.filter((kind) => o[kind] != null);
  if (kinds.length > 1) throw new OtlpDecodeError(`more than one data kind set (${kinds.join(", ")})`);
  const kind = kinds[0];
  if (kind !== undefined) {
    const data = decodeMessage(o[kind], kind, (series) => decodeData(kind, series, tally));
    if (data !== null) Object.assign(out, data); // a oneof: present even when empty
  }
  const metadata = decodeAttributes(o.metadata, "metadata");
  if (metadata.length > 0) out.metadata = metadata;
  return out;
}

/** Which of aggregationTemporality / isMonotonic a data kind has; the others are unknown fields to it. */
const NEITHER = { temporality: false, monotonic: false };
const TEMPORALITY = { temporality: true, monotonic: false };
const BOTH = { temporality: true, monotonic: true };

function decodeData(kind: DataKind, s: JsonObject, tally: RecordTally): Pick<OtlpMetric, DataKind> {
  switch (kind) {
    case "gauge":
      return { gauge: decodeSeries(s, NEITHER, (p) => decodeNumberPoint(p, tally)) };
    case "sum":
      return { sum: decodeSeries(s, BOTH, (p) => decodeNumberPoint(p, tally)) };
    case "histogram":
      return { histogram: decodeSeries(s, TEMPORALITY, (p) => decodeHistogramPoint(p, tally)) };
    case "exponentialHistogram":
      return { exponentialHistogram: decodeSeries(s, TEMPORALITY, (p) => decodeExponentialPoint(p, tally)) };
    case "summary":
      return { summary: decodeSeries(s, NEITHER, (p) => decodeSummaryPoint(p, tally)) };
  }
}

interface Series<P> {
  dataPoints?: P[];
  aggregationTemporality?: number;
  isMonotonic?: boolean;
}

function decodeSeries<P>(
  o: JsonObject,
  shape: typeof NEITHER,
  decodePoint: (o: JsonObject) => P | null,
): Series<P> {
  const out: Series<P> = {};
  const points = decodeList(o.dataPoints, "dataPoints", decodePoint);
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
