// Protobuf decoders for metrics.proto's ExponentialHistogramDataPoint and its Buckets.
import { orNull } from "../canonical";
import type {
  OtlpDouble,
  OtlpExemplar,
  OtlpExponentialBuckets,
  OtlpExponentialHistogramDataPoint,
  OtlpKeyValue,
} from "../types";
import { decodeKeyValue } from "./common";
import { decodeFields, type FieldNames } from "./message";
import { decodeExemplar } from "./number-points";
import type { WireReader } from "./reader";

const EXPONENTIAL_POINT_FIELDS: FieldNames = {
  1: "attributes[]",
  2: "startTimeUnixNano",
  3: "timeUnixNano",
  4: "count",
  5: "sum",
  6: "scale",
  7: "zeroCount",
  8: "positive",
  9: "negative",
  10: "flags",
  11: "exemplars[]",
  12: "min",
  13: "max",
  14: "zeroThreshold",
};

class ExponentialPointFields {
  attributes: OtlpKeyValue[] = [];
  start = "";
  time = "";
  count = "";
  sum: OtlpDouble | null = null; // optional: presence kept
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

function readExponentialPointField(r: WireReader, tag: number, end: number, f: ExponentialPointFields): void {
  if (tag === 0x0a)
    f.attributes.push(decodeKeyValue(r, r.length(end))); // 1 attributes
  else if (tag === 0x11)
    f.start = r.fixed64Decimal(end); // 2 start_time_unix_nano (fixed64)
  else if (tag === 0x19)
    f.time = r.fixed64Decimal(end); // 3 time_unix_nano (fixed64)
  else if (tag === 0x21)
    f.count = r.fixed64Decimal(end); // 4 count (fixed64)
  else if (tag === 0x29)
    f.sum = r.double(end); // 5 sum (optional double)
  else if (tag === 0x30)
    f.scale = r.sint32(end); // 6 scale (sint32)
  else if (tag === 0x39)
    f.zeroCount = r.fixed64Decimal(end); // 7 zero_count (fixed64)
  else if (tag === 0x42)
    f.positive = decodeBuckets(r, r.length(end)); // 8 positive
  else if (tag === 0x4a)
    f.negative = decodeBuckets(r, r.length(end)); // 9 negative
  else if (tag === 0x50)
    f.flags = r.varint32(end); // 10 flags (uint32)
  else if (tag === 0x5a)
    f.exemplars.push(decodeExemplar(r, r.length(end))); // 11 exemplars
  else if (tag === 0x61)
    f.min = r.double(end); // 12 min (optional double)
  else if (tag === 0x69)
    f.max = r.double(end); // 13 max (optional double)
  else if (tag === 0x71)
    f.zeroThreshold = r.double(end); // 14 zero_threshold (double)
  else r.skip(tag, end);
}

/** ExponentialHistogramDataPoint, or null when rejected (an exemplar with a wrong-length id). */
export function decodeExponentialDataPoint(
  r: WireReader,
  end: number,
): OtlpExponentialHistogramDataPoint | null {
  const f = decodeFields(
    r,
    end,
    EXPONENTIAL_POINT_FIELDS,
    new ExponentialPointFields(),
    readExponentialPointField,
  );
  if (!r.tally.settle()) return null;
  const out: OtlpExponentialHistogramDataPoint = {};
  if (f.attributes.length > 0) out.attributes = f.attributes;
  if (f.start !== "") out.startTimeUnixNano = f.start;
  if (f.time !== "") out.timeUnixNano = f.time;
  if (f.count !== "") out.count = f.count;
  if (f.sum !== null) out.sum = f.sum;
  if (f.scale !== 0) out.scale = f.scale;
  if (f.zeroCount !== "") out.zeroCount = f.zeroCount;
  if (f.positive !== null) out.positive = f.positive;
  if (f.negative !== null) out.negative = f.negative;
  if (f.flags !== 0) out.flags = f.flags;
  if (f.exemplars.length > 0) out.exemplars = f.exemplars;
  if (f.min !== null) out.min = f.min;
  if (f.max !== null) out.max = f.max;
  if (f.zeroThreshold !== 0) out.zeroThreshold = f.zeroThreshold;
  return out;
}

const BUCKETS_FIELDS: FieldNames = { 1: "offset", 2: "bucketCounts" };

class BucketsFields {
  offset = 0;
  bucketCounts: string[] = [];
}

function readBucketsField(r: WireReader, tag: number, end: number, f: BucketsFields): void {
  if (tag === 0x08)
    f.offset = r.sint32(end); // 1 offset (sint32)
  else if (tag === 0x12 || tag === 0x10)
    r.varint64List(tag, end, f.bucketCounts); // 2 bucket_counts (uint64)
  else r.skip(tag, end);
}

/** Buckets, or null when empty. */
function decodeBuckets(r: WireReader, end: number): OtlpExponentialBuckets | null {
  const f = decodeFields(r, end, BUCKETS_FIELDS, new BucketsFields(), readBucketsField);
  const out: OtlpExponentialBuckets = {};
  if (f.offset !== 0) out.offset = f.offset;
  if (f.bucketCounts.length > 0) out.bucketCounts = f.bucketCounts;
  return orNull(out);
}
