// Protobuf decoders for metrics.proto's NumberDataPoint (gauge and sum points) and Exemplar.
import { SPAN_ID_BYTES, TRACE_ID_BYTES } from "../record-tally";
import type { OtlpDouble, OtlpExemplar, OtlpKeyValue, OtlpNumberDataPoint } from "../types";
import { decodeKeyValue } from "./common";
import { decodeFields, readId, type FieldNames } from "./message";
import type { WireReader } from "./reader";

const NUMBER_POINT_FIELDS: FieldNames = {
  7: "attributes[]",
  2: "startTimeUnixNano",
  3: "timeUnixNano",
  4: "asDouble",
  6: "asInt",
  5: "exemplars[]",
  8: "flags",
};

/** The asDouble/asInt oneof of NumberDataPoint and Exemplar: the last one on the wire wins. */
class NumberValue {
  asDouble: OtlpDouble | null = null;
  asInt: string | null = null;

  setDouble(value: OtlpDouble): void {
    this.asDouble = value;
    this.asInt = null;
  }

  setInt(value: string): void {
    this.asInt = value;
    this.asDouble = null;
  }

  writeTo(out: { asDouble?: OtlpDouble; asInt?: string }): void {
    if (this.asDouble !== null) out.asDouble = this.asDouble;
    if (this.asInt !== null) out.asInt = this.asInt;
  }
}

class NumberPointFields extends NumberValue {
  attributes: OtlpKeyValue[] = [];
  start = "";
  time = "";
  exemplars: OtlpExemplar[] = [];
  flags = 0;
}

function readNumberPointField(r: WireReader, tag: number, end: number, f: NumberPointFields): void {
  if (tag === 0x3a)
    f.attributes.push(decodeKeyValue(r, r.length(end))); // 7 attributes
  else if (tag === 0x11)
    f.start = r.fixed64Decimal(end); // 2 start_time_unix_nano (fixed64)
  else if (tag === 0x19)
    f.time = r.fixed64Decimal(end); // 3 time_unix_nano (fixed64)
  else if (tag === 0x21)
    f.setDouble(r.double(end)); // 4 as_double (oneof value)
  else if (tag === 0x31)
    f.setInt(r.sfixed64Decimal(end)); // 6 as_int (sfixed64, oneof value)
  else if (tag === 0x2a)
    f.exemplars.push(decodeExemplar(r, r.length(end))); // 5 exemplars
  else if (tag === 0x40)
    f.flags = r.varint32(end); // 8 flags (uint32)
  else r.skip(tag, end);
}

/** NumberDataPoint, or null when rejected (an exemplar with a wrong-length id). */
export function decodeNumberDataPoint(r: WireReader, end: number): OtlpNumberDataPoint | null {
  const f = decodeFields(r, end, NUMBER_POINT_FIELDS, new NumberPointFields(), readNumberPointField);
  if (!r.tally.settle()) return null;
  const out: OtlpNumberDataPoint = {};
  if (f.attributes.length > 0) out.attributes = f.attributes;
  if (f.start !== "") out.startTimeUnixNano = f.start;
  if (f.time !== "") out.timeUnixNano = f.time;
  f.writeTo(out);
  if (f.exemplars.length > 0) out.exemplars = f.exemplars;
  if (f.flags !== 0) out.flags = f.flags;
  return out;
}

const EXEMPLAR_FIELDS: FieldNames = {
  7: "filteredAttributes[]",
  2: "timeUnixNano",
  3: "asDouble",
  6: "asInt",
  4: "spanId",
  5: "traceId",
};

class ExemplarFields extends NumberValue {
  filteredAttributes: OtlpKeyValue[] = [];
  time = "";
  spanId = "";
  traceId = "";
}

function readExemplarField(r: WireReader, tag: number, end: number, f: ExemplarFields): void {
  if (tag === 0x3a)
    f.filteredAttributes.push(decodeKeyValue(r, r.length(end))); // 7 filtered_attributes
  else if (tag === 0x11)
    f.time = r.fixed64Decimal(end); // 2 time_unix_nano (fixed64)
  else if (tag === 0x19)
    f.setDouble(r.double(end)); // 3 as_double (oneof value)
  else if (tag === 0x31)
    f.setInt(r.sfixed64Decimal(end)); // 6 as_int (sfixed64, oneof value)
  else if (tag === 0x22)
    f.spanId = readId(r, end, "exemplars.spanId", SPAN_ID_BYTES); // 4 span_id
  else if (tag === 0x2a)
    f.traceId = readId(r, end, "exemplars.traceId", TRACE_ID_BYTES); // 5 trace_id
  else r.skip(tag, end);
}

/** An exemplar's wrong-length id flags the data point that holds it. */
export function decodeExemplar(r: WireReader, end: number): OtlpExemplar {
  const f = decodeFields(r, end, EXEMPLAR_FIELDS, new ExemplarFields(), readExemplarField);
  const out: OtlpExemplar = {};
  if (f.filteredAttributes.length > 0) out.filteredAttributes = f.filteredAttributes;
  if (f.time !== "") out.timeUnixNano = f.time;
  f.writeTo(out);
  if (f.spanId !== "") out.spanId = f.spanId;
  if (f.traceId !== "") out.traceId = f.traceId;
  return out;
}
