// Protobuf decoders for metrics.proto's HistogramDataPoint and SummaryDataPoint (+ ValueAtQuantile).
import type {
  OtlpDouble,
  OtlpExemplar,
  OtlpHistogramDataPoint,
  OtlpKeyValue,
  OtlpSummaryDataPoint,
  OtlpValueAtQuantile,
} from "../types";
import { decodeKeyValue, fieldError, type FieldNames } from "./common";
import { decodeExemplar } from "./number-points";
import type { WireReader } from "./reader";

const HISTOGRAM_POINT_FIELDS: FieldNames = {
  9: "attributes",
  2: "startTimeUnixNano",
  3: "timeUnixNano",
  4: "count",
  5: "sum",
  6: "bucketCounts",
  7: "explicitBounds",
  8: "exemplars",
  10: "flags",
  11: "min",
  12: "max",
};

class HistogramFields {
  attributes: OtlpKeyValue[] = [];
  start = "";
  time = "";
  count = "";
  sum: OtlpDouble | null = null;
  bucketCounts: string[] = [];
  explicitBounds: OtlpDouble[] = [];
  exemplars: OtlpExemplar[] = [];
  flags = 0;
  min: OtlpDouble | null = null;
  max: OtlpDouble | null = null;
}

/** HistogramDataPoint, or null when it was rejected (a bad exemplar id). */
export function decodeHistogramDataPoint(r: WireReader, end: number): OtlpHistogramDataPoint | null {
  const h = new HistogramFields();
  let field = 0;
  let index = -1;
  try {
    while (r.pos < end) {
      const tag = r.tag(end);
      field = tag >>> 3;
      index = -1;
      switch (tag) {
        case 0x4a: // 9 attributes
          index = h.attributes.length;
          h.attributes.push(decodeKeyValue(r, r.length(end)));
          break;
        case 0x11: // 2 start_time_unix_nano (fixed64)
          r.fixed64(end);
          h.start = r.unsignedDecimal();
          break;
        case 0x19: // 3 time_unix_nano (fixed64)
          r.fixed64(end);
          h.time = r.unsignedDecimal();
          break;
        case 0x21: // 4 count (fixed64)
          r.fixed64(end);
          h.count = r.unsignedDecimal();
          break;
        case 0x29: // 5 sum (optional double)
          h.sum = r.double(end);
          break;
        case 0x31: // 6 bucket_counts (repeated fixed64), unpacked
        case 0x32: // 6 bucket_counts, packed
          r.fixed64List(tag, end, h.bucketCounts);
          break;
        case 0x39: // 7 explicit_bounds (repeated double), unpacked
        case 0x3a: // 7 explicit_bounds, packed
          r.doubleList(tag, end, h.explicitBounds);
          break;
        case 0x42: // 8 exemplars
          index = h.exemplars.length;
          h.exemplars.push(decodeExemplar(r, r.length(end)));
          break;
        case 0x50: // 10 flags (uint32)
          h.flags = r.varint32(end);
          break;
        case 0x59: // 11 min (optional double)
          h.min = r.double(end);
          break;
        case 0x61: // 12 max (optional double)
          h.max = r.double(end);
          break;
        default:
          r.skip(tag, end);
      }
    }
  } catch (error) {
    throw fieldError(error, HISTOGRAM_POINT_FIELDS, field, index);
  }
  return r.tally.settle() ? toHistogramPoint(h) : null;
}

function toHistogramPoint(h: HistogramFields): OtlpHistogramDataPoint {
  const out: OtlpHistogramDataPoint = {};
  if (h.attributes.length > 0) out.attributes = h.attributes;
  if (h.start !== "") out.startTimeUnixNano = h.start;
  if (h.time !== "") out.timeUnixNano = h.time;
  if (h.count !== "") out.count = h.count;
  if (h.sum !== null) out.sum = h.sum;
  if (h.bucketCounts.length > 0) out.bucketCounts = h.bucketCounts;
  if (h.explicitBounds.length > 0) out.explicitBounds = h.explicitBounds;
  if (h.exemplars.length > 0) out.exemplars = h.exemplars;
  if (h.flags !== 0) out.flags = h.flags;
  if (h.min !== null) out.min = h.min;
  if (h.max !== null) out.max = h.max;
  return out;
}

const SUMMARY_POINT_FIELDS: FieldNames = {
  7: "attributes",
  2: "startTimeUnixNano",
  3: "timeUnixNano",
  4: "count",
  5: "sum",
  6: "quantileValues",
  8: "flags",
};

/** SummaryDataPoint (has no ids, so it is never rejected; null keeps the point-decoder contract). */
export function decodeSummaryDataPoint(r: WireReader, end: number): OtlpSummaryDataPoint | null {
  const attributes: OtlpKeyValue[] = [];
  let start = "";
  let time = "";
  let count = "";
  let sum: OtlpDouble = 0;
  const quantiles: OtlpValueAtQuantile[] = [];
  let flags = 0;
  let field = 0;
  let index = -1;
  try {
    while (r.pos < end) {
      const tag = r.tag(end);
      field = tag >>> 3;
      index = -1;
      if (tag === 0x3a) {
        // 7 attributes
        index = attributes.length;
        attributes.push(decodeKeyValue(r, r.length(end)));
      } else if (tag === 0x11 || tag === 0x19 || tag === 0x21) {
        // 2 start_time_unix_nano, 3 time_unix_nano, 4 count (all fixed64)
        r.fixed64(end);
        const value = r.unsignedDecimal();
        if (tag === 0x11) start = value;
        else if (tag === 0x19) time = value;
        else count = value;
      } else if (tag === 0x29)
        sum = r.double(end); // 5 sum (double)
      else if (tag === 0x32) {
        // 6 quantile_values
        index = quantiles.length;
        quantiles.push(decodeValueAtQuantile(r, r.length(end)));
      } else if (tag === 0x40)
        flags = r.varint32(end); // 8 flags (uint32)
      else r.skip(tag, end);
    }
  } catch (error) {
    throw fieldError(error, SUMMARY_POINT_FIELDS, field, index);
  }
  r.tally.settle();
  const out: OtlpSummaryDataPoint = {};
  if (attributes.length > 0) out.attributes = attributes;
  if (start !== "") out.startTimeUnixNano = start;
  if (time !== "") out.timeUnixNano = time;
  if (count !== "") out.count = count;
  if (sum !== 0) out.sum = sum;
  if (quantiles.length > 0) out.quantileValues = quantiles;
  if (flags !== 0) out.flags = flags;
  return out;
}

/** ValueAtQuantile: 1 quantile (double), 2 value (double). */
function decodeValueAtQuantile(r: WireReader, end: number): OtlpValueAtQuantile {
  let quantile: OtlpDouble = 0;
  let value: OtlpDouble = 0;
  while (r.pos < end) {
    const tag = r.tag(end);
    if (tag === 0x09) quantile = r.double(end);
    else if (tag === 0x11) value = r.double(end);
    else r.skip(tag, end);
  }
  const out: OtlpValueAtQuantile = {};
  if (quantile !== 0) out.quantile = quantile;
  if (value !== 0) out.value = value;
  return out;
}
