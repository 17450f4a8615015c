// Protobuf decoders for common.proto and resource.proto (AnyValue, KeyValue, InstrumentationScope, Resource,
// EntityRef) and the helpers every message decoder shares. Field numbers are commented per case.
import { OtlpDecodeError, within } from "../decode-error";
import { MAX_ANY_VALUE_DEPTH, orNull, tooDeep } from "../canonical";
import { idLengthProblem } from "../rejections";
import type { OtlpAnyValue, OtlpInstrumentationScope, OtlpKeyValue } from "../types";
import type { WireReader } from "./reader";

/** Field number → JSON name, for error paths. */
export type FieldNames = Readonly<Record<number, string>>;

/** Adds the failing field (and list index) to an error unwinding out of a message decoder. */
export function fieldError(error: unknown, names: FieldNames, field: number, index: number): unknown {
  const name = names[field];
  if (name === undefined) return error;
  return within(error, name, index >= 0 ? index : undefined);
}

/** Reads an id as hex; a wrong (non-zero) length flags the enclosing record for rejection. */
export function readId(r: WireReader, end: number, field: string, expected: number): string {
  const hex = r.hex(end);
  const problem = idLengthProblem(field, r.lastLength, expected);
  if (problem !== null) r.tally.flag(problem);
  return hex;
}

const ANY_VALUE_FIELDS: FieldNames = {
  1: "stringValue",
  2: "boolValue",
  3: "intValue",
  4: "doubleValue",
  5: "arrayValue",
  6: "kvlistValue",
  7: "bytesValue",
};

/** AnyValue, or null when no variant is set (callers omit it, or write {} inside a list). */
export function decodeAnyValue(r: WireReader, end: number, depth: number): OtlpAnyValue | null {
  if (depth > MAX_ANY_VALUE_DEPTH) throw new OtlpDecodeError(tooDeep());
  let out: OtlpAnyValue | null = null;
  let field = 0;
  try {
    while (r.pos < end) {
      const tag = r.tag(end);
      field = tag >>> 3;
      switch (tag) {
        case 0x0a: // 1 string_value
          out = { stringValue: r.string(end) };
          break;
        case 0x10: // 2 bool_value
          r.varint64(end);
          out = { boolValue: (r.lo | r.hi) !== 0 };
          break;
        case 0x18: // 3 int_value (int64)
          r.varint64(end);
          out = { intValue: r.signedDecimal() };
          break;
        case 0x21: // 4 double_value
          out = { doubleValue: r.double(end) };
          break;
        case 0x2a: // 5 array_value
          out = { arrayValue: decodeArrayValue(r, r.length(end), depth + 1) };
          break;
        case 0x32: // 6 kvlist_value
          out = { kvlistValue: decodeKeyValueList(r, r.length(end), depth + 1) };
          break;
        case 0x3a: // 7 bytes_value
          out = { bytesValue: r.base64(end) };
          break;
        default:
          r.skip(tag, end);
      }
    }
  } catch (error) {
    throw fieldError(error, ANY_VALUE_FIELDS, field, -1);
  }
  return out;
}

/** ArrayValue: 1 values (repeated AnyValue). */
function decodeArrayValue(r: WireReader, end: number, depth: number): { values?: OtlpAnyValue[] } {
  const values: OtlpAnyValue[] = [];
  try {
    while (r.pos < end) {
      const tag = r.tag(end);
      if (tag === 0x0a) values.push(decodeAnyValue(r, r.length(end), depth) ?? {});
      else r.skip(tag, end);
    }
  } catch (error) {
    throw within(error, "values", values.length);
  }
  return values.length > 0 ? { values } : {};
}

/** KeyValueList: 1 values (repeated KeyValue). */
function decodeKeyValueList(r: WireReader, end: number, depth: number): { values?: OtlpKeyValue[] } {
  const values: OtlpKeyValue[] = [];
  try {
    while (r.pos < end) {
      const tag = r.tag(end);
      if (tag === 0x0a) values.push(decodeKeyValue(r, r.length(end), depth));
      else r.skip(tag, end);
    }
  } catch (error) {
    throw within(error, "values", values.length);
  }
  return values.length > 0 ? { values } : {};
}

const KEY_VALUE_FIELDS: FieldNames = { 1: "key", 2: "value" };

export function decodeKeyValue(r: WireReader, end: number, depth = 1): OtlpKeyValue {
  let key = "";
  let value: OtlpAnyValue | null = null;
  let field = 0;
  try {
    while (r.pos < end) {
      const tag = r.tag(end);
      field = tag >>> 3;
      if (tag === 0x0a)
        key = r.string(end); // 1 key
      else if (tag === 0x12)
        value = decodeAnyValue(r, r.length(end), depth); // 2 value
      else r.skip(tag, end);
    }
  } catch (error) {
    throw fieldError(error, KEY_VALUE_FIELDS, field, -1);
  }
  const out: OtlpKeyValue = {};
  if (key !== "") out.key = key;
  if (value !== null) out.value = value;
  return out;
}

const SCOPE_FIELDS: FieldNames = { 1: "name", 2: "version", 3: "attributes", 4: "droppedAttributesCount" };

export function decodeScope(r: WireReader, end: number): OtlpInstrumentationScope | null {
  let name = "";
  let version = "";
  const attributes: OtlpKeyValue[] = [];
  let dropped = 0;
  let field = 0;
  let index = -1;
  try {
    while (r.pos < end) {
      const tag = r.tag(end);
      field = tag >>> 3;
      index = -1;
      if (tag === 0x0a)
        name = r.string(end); // 1 name
      else if (tag === 0x12)
        version = r.string(end); // 2 version
      else if (tag === 0x1a) {
        // 3 attributes
        index = attributes.length;
        attributes.push(decodeKeyValue(r, r.length(end)));
      } else if (tag === 0x20)
        dropped = r.varint32(end); // 4 dropped_attributes_count (uint32)
      else r.skip(tag, end);
    }
  } catch (error) {
    throw fieldError(error, SCOPE_FIELDS, field, index);
  }
  const out: OtlpInstrumentationScope = {};
  if (name !== "") out.name = name;
  if (version !== "") out.version = version;
  if (attributes.length > 0) out.attributes = attributes;
  if (dropped !== 0) out.droppedAttributesCount = dropped;
  return orNull(out);
}
