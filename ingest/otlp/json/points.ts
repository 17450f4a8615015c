// OTLP/JSON decoders for metric data points (metrics.proto field order): Number, Histogram, Exponential
// histogram, Summary, and Exemplar. Each point returns null when rejected for a bad exemplar id.
import { orNull, setIf } from "../canonical";
import { OtlpDecodeError } from "../decode-error";
import { SPAN_ID_BYTES, TRACE_ID_BYTES, type RecordTally } from "../record-tally";
import type {
  OtlpExemplar,
  OtlpExponentialBuckets,
  OtlpExponentialHistogramDataPoint,
  OtlpHistogramDataPoint,
  OtlpNumberDataPoint,
  OtlpSummaryDataPoint,
  OtlpValueAtQuantile,
} from "../types";
import { decodeAttributes } from "./common";
import { readDouble, readHexId, readInt32, readInt64, readInt64Field } from "./scalars";
import { decodeList, decodeMessage, decodeScalars, type JsonObject } from "./structure";

/** The asDouble/asInt oneof shared by NumberDataPoint and Exemplar. */
function setNumberValue(o: JsonObject, out: { asDouble?: unknown; asInt?: string }): void {
  const asDouble = o.asDouble;
  const asInt = o.asInt;
  if (asDouble != null && asInt != null)
    throw new OtlpDecodeError("more than one value set (asDouble and asInt)");
  if (asDouble != null) out.asDouble = readDouble(asDouble, "asDouble");
  if (asInt != null) out.asInt = readInt64(asInt, "asInt", true);
}

function readUint64(item: unknown, name: string): string {
  return readInt64(item, name, false);
}

export function decodeNumberPoint(o: JsonObject, tally: RecordTally): OtlpNumberDataPoint | null {
  const out: OtlpNumberDataPoint = {};
  const attributes = decodeAttributes(o.attributes);
  if (attributes.length > 0) out.attributes = attributes;
  setIf(out, "startTimeUnixNano", readInt64Field(o.startTimeUnixNano, "startTimeUnixNano"));
  setIf(out, "timeUnixNano", readInt64Field(o.timeUnixNano, "timeUnixNano"));
  setNumberValue(o, out);
  const exemplars = decodeList(o.exemplars, "exemplars", (e) => decodeExemplar(e, tally));
  if (exemplars.length > 0) out.exemplars = exemplars;
  setIf(out, "flags", readInt32(o.flags, "flags", false));
  return tally.settle() ? out : null;
}

export function decodeHistogramPoint(o: JsonObject, tally: RecordTally): OtlpHistogramDataPoint | null {
  const out: OtlpHistogramDataPoint = {};
  const attributes = decodeAttributes(o.attributes);
  if (attributes.length > 0) out.attributes = attributes;
  setIf(out, "startTimeUnixNano", readInt64Field(o.startTimeUnixNano, "startTimeUnixNano"));
  setIf(out, "timeUnixNano", readInt64Field(o.timeUnixNano, "timeUnixNano"));
  setIf(out, "count", readInt64Field(o.count, "count"));
  if (o.sum != null) out.sum = readDouble(o.sum, "sum"); // optional: presence kept
  const bucketCounts = decodeScalars(o.bucketCounts, "bucketCounts", readUint64);
  if (bucketCounts.length > 0) out.bucketCounts = bucketCounts;
  const explicitBounds = decodeScalars(o.explicitBounds, "explicitBounds", readDouble);
  if (explicitBounds.length > 0) out.explicitBounds = explicitBounds;
  const exemplars = decodeList(o.exemplars, "exemplars", (e) => decodeExemplar(e, tally));
  if (exemplars.length > 0) out.exemplars = exemplars;
  setIf(out, "flags", readInt32(o.flags, "flags", false));
  if (o.min != null) out.min = readDouble(o.min, "min");
  if (o.max != null) out.max = readDouble(o.max, "max");
  return tally.settle() ? out : null;
}

export function decodeExponentialPoint(
  o: JsonObject,
  tally: RecordTally,
): OtlpExponentialHistogramDataPoint | null {
  const out: OtlpExponentialHistogramDataPoint = {};
  const attributes = decodeAttributes(o.attributes);
  if (attributes.length > 0) out.attributes = attributes;
  setIf(out, "startTimeUnixNano", readInt64Field(o.startTimeUnixNano, "startTimeUnixNano"));
  setIf(out, "timeUnixNano", readInt64Field(o.timeUnixNano, "timeUnixNano"));
  setIf(out, "count", readInt64Field(o.count, "count"));
  if (o.sum != null) out.sum = readDouble(o.sum, "sum");
  setIf(out, "scale", readInt32(o.scale, "scale", true));
  setIf(out, "zeroCount", readInt64Field(o.zeroCount, "zeroCount"));
  const positive = decodeMessage(o.positive, "positive", decodeBuckets);
  if (positive !== null) out.positive = positive;
  const negative = decodeMessage(o.negative, "negative", decodeBuckets);
  if (negative !== null) out.negative = negative;
  setIf(out, "flags", readInt32(o.flags, "flags", false));
  const exemplars = decodeList(o.exemplars, "exemplars", (e) => decodeExemplar(e, tally));
  if (exemplars.length > 0) out.exemplars = exemplars;
  if (o.min != null) out.min = readDouble(o.min, "min");
  if (o.max != null) out.max = readDouble(o.max, "max");
  if (o.zeroThreshold != null) setIf(out, "zeroThreshold", readDouble(o.zeroThreshold, "zeroThreshold"));
  return tally.settle() ? out : null;
}

function decodeBuckets(o: JsonObject): OtlpExponentialBuckets | null {
  const out: OtlpExponentialBuckets = {};
  setIf(out, "offset", readInt32(o.offset, "offset", true));
  const counts = decodeScalars(o.bucketCounts, "bucketCounts", readUint64);
  if (counts.length > 0) out.bucketCounts = counts;
  return orNull(out);
}

export function decodeSummaryPoint(o: JsonObject, tally: RecordTally): OtlpSummaryDataPoint | null {
  const out: OtlpSummaryDataPoint = {};
  const attributes = decodeAttributes(o.attributes);
  if (attributes.length > 0) out.attributes = attributes;
  setIf(out, "startTimeUnixNano", readInt64Field(o.startTimeUnixNano, "startTimeUnixNano"));
  setIf(out, "timeUnixNano", readInt64Field(o.timeUnixNano, "timeUnixNano"));
  setIf(out, "count", readInt64Field(o.count, "count"));
  if (o.sum != null) setIf(out, "sum", readDouble(o.sum, "sum"));
  const quantiles = decodeList(o.quantileValues, "quantileValues", decodeValueAtQuantile);
  if (quantiles.length > 0) out.quantileValues = quantiles;
  setIf(out, "flags", readInt32(o.flags, "flags", false));
  return tally.settle() ? out : null;
}

function decodeValueAtQuantile(o: JsonObject): OtlpValueAtQuantile {
  const out: OtlpValueAtQuantile = {};
  if (o.quantile != null) setIf(out, "quantile", readDouble(o.quantile, "quantile"));
  if (o.value != null) setIf(out, "value", readDouble(o.value, "value"));
  return out;
}

function decodeExemplar(o: JsonObject, tally: RecordTally): OtlpExemplar {
  const out: OtlpExemplar = {};
  const attributes = decodeAttributes(o.filteredAttributes, "filteredAttributes");
  if (attributes.length > 0) out.filteredAttributes = attributes;
  setIf(out, "timeUnixNano", readInt64Field(o.timeUnixNano, "timeUnixNano"));
  setNumberValue(o, out);
  setIf(out, "spanId", readHexId(o.spanId, "spanId", SPAN_ID_BYTES, tally, "exemplars.spanId"));
  setIf(out, "traceId", readHexId(o.traceId, "traceId", TRACE_ID_BYTES, tally, "exemplars.traceId"));
  return out;
}
