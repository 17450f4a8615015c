// Protobuf decoders for metrics.proto's ExponentialHistogramDataPoint and its Buckets.
import { orNull } from "../canonical";
import type {
  OtlpDouble,
  OtlpExemplar,
  OtlpExponentialBuckets,
  OtlpExponentialHistogramDataPoint,
  OtlpKeyValue,
} from "../types";
import { decodeKeyValue, fieldError, type FieldNames } from "./common";
import { decodeExemplar } from "./number-points";
import type { WireReader } from "./reader";

const EXPONENTIAL_POINT_FIELDS: FieldNames = {
  1: "attributes",
  2: "startTimeUnixNano",
  3: "timeUnixNano",
  4: "count",
  5: "sum",
  6: "scale",
  7: "zeroCount",
  8: "positive",
  9: "negative",
  10: "flags",
  11: "exemplars",
  12: "min",
  13: "max",
  14: "zeroThreshold",
};

class ExponentialFields {
  attributes: OtlpKeyValue[] = [];
  start = "";
  time = "";
  count = "";
  sum: OtlpDouble | null = null;
  scale = 0;
  zeroCount = "";
  positive: OtlpExponentialBuckets | null = null;
  negative: OtlpExponentialBuckets | null = null;
  flags = 0;
  exemplars: OtlpExemplar[] = [];
  min: OtlpDouble | null = null;
  max: OtlpDouble | null = null;
  zeroThreshold: OtlpDouble = 0;
}

/** ExponentialHistogramDataPoint, or null when it was rejected (a bad exemplar id). */
export function decodeExponentialDataPoint(
  r: WireReader,
  end: number,
): OtlpExponentialHistogramDataPoint | null {
  const e = new ExponentialFields();
  let field = 0;
  let index = -1;
  try {
    while (r.pos < end) {
      const tag = r.tag(end);
      field = tag >>> 3;
      index = -1;
      if (tag === 0x0a) {
        // 1 attributes
        index = e.attributes.length;
        e.attributes.push(decodeKeyValue(r, r.length(end)));
      } else if (tag === 0x5a) {
        // 11 exemplars
        index = e.exemplars.length;
        e.exemplars.push(decodeExemplar(r, r.length(end)));
      } else readScalar(r, tag, end, e);
    }
  } catch (error) {
    throw fieldError(error, EXPONENTIAL_POINT_FIELDS, field, index);
  }
  return r.tally.settle() ? toExponentialPoint(e) : null;
}

/** Every field but the repeated messages. */
function readScalar(r: WireReader, tag: number, end: number, e: ExponentialFields): void {
  switch (tag) {
    case 0x11: // 2 start_time_unix_nano (fixed64)
      r.fixed64(end);
      e.start = r.unsignedDecimal();
      return;
    case 0x19: // 3 time_unix_nano (fixed64)
      r.fixed64(end);
      e.time = r.unsignedDecimal();
      return;
    case 0x21: // 4 count (fixed64)
      r.fixed64(end);
      e.count = r.unsignedDecimal();
      return;
    case 0x29: // 5 sum (optional double)
      e.sum = r.double(end);
      return;
    case 0x30: // 6 scale (sint32)
      e.scale = r.sint32(end);
      return;
    case 0x39: // 7 zero_count (fixed64)
      r.fixed64(end);
      e.zeroCount = r.unsignedDecimal();
      return;
    case 0x42: // 8 positive
      e.positive = decodeBuckets(r, r.length(end));
      return;
    case 0x4a: // 9 negative
      e.negative = decodeBuckets(r, r.length(end));
      return;
    case 0x50: // 10 flags (uint32)
      e.flags = r.varint32(end);
      return;
    case 0x61: // 12 min (optional double)
      e.min = r.double(end);
      return;
    case 0x69: // 13 max (optional double)
      e.max = r.double(end);
      return;
    case 0x71: // 14 zero_threshold (double)
      e.zeroThreshold = r.double(end);
      return;
    default:
      r.skip(tag, end);
  }
}

function toExponentialPoint(e: ExponentialFields): OtlpExponentialHistogramDataPoint {
  const out: OtlpExponentialHistogramDataPoint = {};
  if (e.attributes.length > 0) out.attributes = e.attributes;
  if (e.start !== "") out.startTimeUnixNano = e.start;
  if (e.time !== "") out.timeUnixNano = e.time;
  if (e.count !== "") out.count = e.count;
  if (e.sum !== null) out.sum = e.sum;
  if (e.scale !== 0) out.scale = e.scale;
  if (e.zeroCount !== "") out.zeroCount = e.zeroCount;
  if (e.positive !== null) out.positive = e.positive;
  if (e.negative !== null) out.negative = e.negative;
  if (e.flags !== 0) out.flags = e.flags;
  if (e.exemplars.length > 0) out.exemplars = e.exemplars;
  if (e.min !== null) out.min = e.min;
  if (e.max !== null) out.max = e.max;
  if (e.zeroThreshold !== 0) out.zeroThreshold = e.zeroThreshold;
  return out;
}

const BUCKETS_FIELDS: FieldNames = { 1: "offset", 2: "bucketCounts" };

/** Buckets, or null when empty: 1 offset (sint32), 2 bucket_counts (repeated uint64, usually packed). */
function decodeBuckets(r: WireReader, end: number): OtlpExponentialBuckets | null {
  let offset = 0;
  const counts: string[] = [];
  let field = 0;
  try {
    while (r.pos < end) {
      const tag = r.tag(end);
      field = tag >>> 3;
      if (tag === 0x08) offset = r.sint32(end);
      else if (tag === 0x10 || tag === 0x12) r.varint64List(tag, end, counts);
      else r.skip(tag, end);
    }
  } catch (error) {
    throw fieldError(error, BUCKETS_FIELDS, field, -1);
  }
  const out: OtlpExponentialBuckets = {};
  if (offset !== 0) out.offset = offset;
  if (counts.length > 0) out.bucketCounts = counts;
  return orNull(out);
}
