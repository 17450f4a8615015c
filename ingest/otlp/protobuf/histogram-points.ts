// Protobuf decoders for metrics.proto's HistogramDataPoint and SummaryDataPoint (+ ValueAtQuantile).
import type {
  OtlpDouble,
  OtlpExemplar,
  OtlpHistogramDataPoint,
  OtlpKeyValue,
  OtlpSummaryDataPoint,
  OtlpValueAtQuantile,
} from "../types";
import { decodeKeyValue } from "./common";
import { decodeFields, type FieldNames } from "./message";
import { decodeExemplar } from "./number-points";
import type { WireReader } from "./reader";

const HISTOGRAM_POINT_FIELDS: FieldNames = {
  9: "attributes[]",
  2: "startTimeUnixNano",
  3: "timeUnixNano",
  4: "count",
  5: "sum",
  6: "bucketCounts",
  7: "explicitBounds",
  8: "exemplars[]",
  10: "flags",
  11: "min",
  12: "max",
};

class HistogramPointFields {
  attributes: OtlpKeyValue[] = [];
  start = "";
  time = "";
  count = "";
  sum: OtlpDouble | null = null; // optional: presence kept
  bucketCounts: string[] = [];
  explicitBounds: OtlpDouble[] = [];
  exemplars: OtlpExemplar[] = [];
  flags = 0;
  min: OtlpDouble | null = null;
  max: OtlpDouble | null = null;
}

function readHistogramPointField(r: WireReader, tag: number, end: number, f: HistogramPointFields): void {
  if (tag === 0x4a)
    f.attributes.push(decodeKeyValue(r, r.length(end))); // 9 attributes
  else if (tag === 0x11)
    f.start = r.fixed64Decimal(end); // 2 start_time_unix_nano (fixed64)
  else if (tag === 0x19)
    f.time = r.fixed64Decimal(end); // 3 time_unix_nano (fixed64)
  else if (tag === 0x21)
    f.count = r.fixed64Decimal(end); // 4 count (fixed64)
  else if (tag === 0x29)
    f.sum = r.double(end); // 5 sum (optional double)
  else if (tag === 0x32 || tag === 0x31)
    r.fixed64List(tag, end, f.bucketCounts); // 6 bucket_counts, packed or not
  else if (tag === 0x3a || tag === 0x39)
    r.doubleList(tag, end, f.explicitBounds); // 7 explicit_bounds, packed or not
  else if (tag === 0x42)
    f.exemplars.push(decodeExemplar(r, r.length(end))); // 8 exemplars
  else if (tag === 0x50)
    f.flags = r.varint32(end); // 10 flags (uint32)
  else if (tag === 0x59)
    f.min = r.double(end); // 11 min (optional double)
  else if (tag === 0x61)
    f.max = r.double(end); // 12 max (optional double)
  else r.skip(tag, end);
}

/** HistogramDataPoint, or null when rejected (an exemplar with a wrong-length id). */
export function decodeHistogramDataPoint(r: WireReader, end: number): OtlpHistogramDataPoint | null {
  const f = decodeFields(r, end, HISTOGRAM_POINT_FIELDS, new HistogramPointFields(), readHistogramPointField);
  if (!r.tally.settle()) return null;
  const out: OtlpHistogramDataPoint = {};
  if (f.attributes.length > 0) out.attributes = f.attributes;
  if (f.start !== "") out.startTimeUnixNano = f.start;
  if (f.time !== "") out.timeUnixNano = f.time;
  if (f.count !== "") out.count = f.count;
  if (f.sum !== null) out.sum = f.sum;
  if (f.bucketCounts.length > 0) out.bucketCounts = f.bucketCounts;
  if (f.explicitBounds.length > 0) out.explicitBounds = f.explicitBounds;
  if (f.exemplars.length > 0) out.exemplars = f.exemplars;
  if (f.flags !== 0) out.flags = f.flags;
  if (f.min !== null) out.min = f.min;
  if (f.max !== null) out.max = f.max;
  return out;
}

const SUMMARY_POINT_FIELDS: FieldNames = {
  7: "attributes[]",
  2: "startTimeUnixNano",
  3: "timeUnixNano",
  4: "count",
  5: "sum",
  6: "quantileValues[]",
  8: "flags",
};

class SummaryPointFields {
  attributes: OtlpKeyValue[] = [];
  start = "";
  time = "";
  count = "";
  sum: OtlpDouble = 0;
  quantileValues: OtlpValueAtQuantile[] = [];
  flags = 0;
}

function readSummaryPointField(r: WireReader, tag: number, end: number, f: SummaryPointFields): void {
  if (tag === 0x3a)
    f.attributes.push(decodeKeyValue(r, r.length(end))); // 7 attributes
  else if (tag === 0x11)
    f.start = r.fixed64Decimal(end); // 2 start_time_unix_nano (fixed64)
  else if (tag === 0x19)
    f.time = r.fixed64Decimal(end); // 3 time_unix_nano (fixed64)
  else if (tag === 0x21)
    f.count = r.fixed64Decimal(end); // 4 count (fixed64)
  else if (tag === 0x29)
    f.sum = r.double(end); // 5 sum (double)
  else if (tag === 0x32)
    f.quantileValues.push(decodeValueAtQuantile(r, r.length(end))); // 6 quantile_values
  else if (tag === 0x40)
    f.flags = r.varint32(end); // 8 flags (uint32)
  else r.skip(tag, end);
}

/** SummaryDataPoint: has no ids, so it is never rejected (null only keeps the point-decoder contract). */
export function decodeSummaryDataPoint(r: WireReader, end: number): OtlpSummaryDataPoint | null {
  const f = decodeFields(r, end, SUMMARY_POINT_FIELDS, new SummaryPointFields(), readSummaryPointField);
  if (!r.tally.settle()) return null;
  const out: OtlpSummaryDataPoint = {};
  if (f.attributes.length > 0) out.attributes = f.attributes;
  if (f.start !== "") out.startTimeUnixNano = f.start;
  if (f.time !== "") out.timeUnixNano = f.time;
  if (f.count !== "") out.count = f.count;
  if (f.sum !== 0) out.sum = f.sum;
  if (f.quantileValues.length > 0) out.quantileValues = f.quantileValues;
  if (f.flags !== 0) out.flags = f.flags;
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
