// Protobuf decoders for common.proto: AnyValue (with its ArrayValue / KeyValueList), KeyValue and
// InstrumentationScope. AnyValue and KeyValue are the hottest messages, so they have their own tight loops.
import { MAX_ANY_VALUE_DEPTH, orNull, tooDeep } from "../canonical";
import { OtlpDecodeError, within } from "../decode-error";
import type { OtlpAnyValue, OtlpInstrumentationScope, OtlpKeyValue } from "../types";
import { decodeFields, fieldError, type FieldNames } from "./message";
import type { WireReader } from "./reader";

const ANY_VALUE_FIELDS: FieldNames = {
  1: "stringValue",
  2: "boolValue",
  3: "intValue",
  4: "doubleValue",
  5: "arrayValue",
  6: "kvlistValue",
  7: "bytesValue",
};

/** AnyValue, or null when no variant is set (callers omit it, or write {} inside a list). Last variant wins. */
export function decodeAnyValue(r: WireReader, end: number, depth: number): OtlpAnyValue | null {
  if (depth > MAX_ANY_VALUE_DEPTH) throw new OtlpDecodeError(tooDeep());
  let out: OtlpAnyValue | null = null;
  let field = 0;
  try {
    while (r.pos < end) {
      field = 0; // a bad tag belongs to no field
      const tag = r.tag(end);
      field = tag >>> 3;
      if (tag === 0x0a)
        out = { stringValue: r.string(end) }; // 1 string_value
      else if (tag === 0x10)
        out = { boolValue: r.bool(end) }; // 2 bool_value
      else if (tag === 0x18)
        out = { intValue: r.int64Decimal(end) }; // 3 int_value (int64)
      else if (tag === 0x21)
        out = { doubleValue: r.double(end) }; // 4 double_value
      else if (tag === 0x2a)
        out = { arrayValue: decodeArrayValue(r, r.length(end), depth + 1) }; // 5 array_value
      else if (tag === 0x32)
        out = { kvlistValue: decodeKeyValueList(r, r.length(end), depth + 1) }; // 6 kvlist_value
      else if (tag === 0x3a)
        out = { bytesValue: r.base64(end) }; // 7 bytes_value
      else r.skip(tag, end);
    }
  } catch (error) {
    throw fieldError(error, ANY_VALUE_FIELDS, field, {});
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
      field = 0; // a bad tag belongs to no field
      const tag = r.tag(end);
      field = tag >>> 3;
      if (tag === 0x0a)
        key = r.string(end); // 1 key
      else if (tag === 0x12)
        value = decodeAnyValue(r, r.length(end), depth); // 2 value
      else r.skip(tag, end);
    }
  } catch (error) {
    throw fieldError(error, KEY_VALUE_FIELDS, field, {});
  }
  const out: OtlpKeyValue = {};
  if (key !== "") out.key = key;
  if (value !== null) out.value = value;
  return out;
}

const SCOPE_FIELDS: FieldNames = { 1: "name", 2: "version", 3: "attributes[]", 4: "droppedAttributesCount" };

class ScopeFields {
  name = "";
  version = "";
  attributes: OtlpKeyValue[] = [];
  dropped = 0;
}

function readScopeField(r: WireReader, tag: number, end: number, f: ScopeFields): void {
  if (tag === 0x0a)
    f.name = r.string(end); // 1 name
  else if (tag === 0x12)
    f.version = r.string(end); // 2 version
  else if (tag === 0x1a)
    f.attributes.push(decodeKeyValue(r, r.length(end))); // 3 attributes
  else if (tag === 0x20)
    f.dropped = r.varint32(end); // 4 dropped_attributes_count (uint32)
  else r.skip(tag, end);
}

/** InstrumentationScope, or null when it decodes to nothing. */
export function decodeScope(r: WireReader, end: number): OtlpInstrumentationScope | null {
  const f = decodeFields(r, end, SCOPE_FIELDS, new ScopeFields(), readScopeField);
  const out: OtlpInstrumentationScope = {};
  if (f.name !== "") out.name = f.name;
  if (f.version !== "") out.version = f.version;
  if (f.attributes.length > 0) out.attributes = f.attributes;
  if (f.dropped !== 0) out.droppedAttributesCount = f.dropped;
  return orNull(out);
}
