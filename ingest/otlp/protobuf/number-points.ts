// Protobuf decoders for metrics.proto's NumberDataPoint (gauge and sum points) and Exemplar.
import { SPAN_ID_BYTES, TRACE_ID_BYTES } from "../record-tally";
import type { OtlpDouble, OtlpExemplar, OtlpKeyValue, OtlpNumberDataPoint } from "../types";
import { decodeKeyValue, fieldError, readId, type FieldNames } from "./common";
import type { WireReader } from "./reader";

const NUMBER_POINT_FIELDS: FieldNames = {
  7: "attributes",
  2: "startTimeUnixNano",
  3: "timeUnixNano",
  4: "asDouble",
  6: "asInt",
  5: "exemplars",
  8: "flags",
};

/** NumberDataPoint, or null when it was rejected (a bad exemplar id). */
export function decodeNumberDataPoint(r: WireReader, end: number): OtlpNumberDataPoint | null {
  const attributes: OtlpKeyValue[] = [];
  let start = "";
  let time = "";
  let asDouble: OtlpDouble | null = null;
  let asInt: string | null = null;
  const exemplars: OtlpExemplar[] = [];
  let flags = 0;
  let field = 0;
  let index = -1;
  try {
    while (r.pos < end) {
      const tag = r.tag(end);
      field = tag >>> 3;
      index = -1;
      switch (tag) {
        case 0x3a: // 7 attributes
          index = attributes.length;
          attributes.push(decodeKeyValue(r, r.length(end)));
          break;
        case 0x11: // 2 start_time_unix_nano (fixed64)
          r.fixed64(end);
          start = r.unsignedDecimal();
          break;
        case 0x19: // 3 time_unix_nano (fixed64)
          r.fixed64(end);
          time = r.unsignedDecimal();
          break;
        case 0x21: // 4 as_double (oneof value)
          asDouble = r.double(end);
          asInt = null;
          break;
        case 0x31: // 6 as_int (sfixed64, oneof value)
          r.fixed64(end);
          asInt = r.signedDecimal();
          asDouble = null;
          break;
        case 0x2a: // 5 exemplars
          index = exemplars.length;
          exemplars.push(decodeExemplar(r, r.length(end)));
          break;
        case 0x40: // 8 flags (uint32)
          flags = r.varint32(end);
          break;
        default:
          r.skip(tag, end);
      }
    }
  } catch (error) {
    throw fieldError(error, NUMBER_POINT_FIELDS, field, index);
  }
  if (!r.tally.settle()) return null;
  const out: OtlpNumberDataPoint = {};
  if (attributes.length > 0) out.attributes = attributes;
  if (start !== "") out.startTimeUnixNano = start;
  if (time !== "") out.timeUnixNano = time;
  if (asDouble !== null) out.asDouble = asDouble;
  if (asInt !== null) out.asInt = asInt;
  if (exemplars.length > 0) out.exemplars = exemplars;
  if (flags !== 0) out.flags = flags;
  return out;
}

const EXEMPLAR_FIELDS: FieldNames = {
  7: "filteredAttributes",
  2: "timeUnixNano",
  3: "asDouble",
  6: "asInt",
  4: "spanId",
  5: "traceId",
};

export function decodeExemplar(r: WireReader, end: number): OtlpExemplar {
  const attributes: OtlpKeyValue[] = [];
  let time = "";
  let asDouble: OtlpDouble | null = null;
  let asInt: string | null = null;
  let spanId = "";
  let traceId = "";
  let field = 0;
  let index = -1;
  try {
    while (r.pos < end) {
      const tag = r.tag(end);
      field = tag >>> 3;
      index = -1;
      if (tag === 0x3a) {
        // 7 filtered_attributes
        index = attributes.length;
        attributes.push(decodeKeyValue(r, r.length(end)));
      } else if (tag === 0x11) {
        // 2 time_unix_nano (fixed64)
        r.fixed64(end);
        time = r.unsignedDecimal();
      } else if (tag === 0x19) {
        // 3 as_double (oneof value)
        asDouble = r.double(end);
        asInt = null;
      } else if (tag === 0x31) {
        // 6 as_int (sfixed64, oneof value)
        r.fixed64(end);
        asInt = r.signedDecimal();
        asDouble = null;
      } else if (tag === 0x22)
        spanId = readId(r, end, "exemplars.spanId", SPAN_ID_BYTES); // 4 span_id
      else if (tag === 0x2a)
        traceId = readId(r, end, "exemplars.traceId", TRACE_ID_BYTES); // 5 trace_id
      else r.skip(tag, end);
    }
  } catch (error) {
    throw fieldError(error, EXEMPLAR_FIELDS, field, index);
  }
  const out: OtlpExemplar = {};
  if (attributes.length > 0) out.filteredAttributes = attributes;
  if (time !== "") out.timeUnixNano = time;
  if (asDouble !== null) out.asDouble = asDouble;
  if (asInt !== null) out.asInt = asInt;
  if (spanId !== "") out.spanId = spanId;
  if (traceId !== "") out.traceId = traceId;
  return out;
}
