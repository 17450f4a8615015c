// OTLP/JSON decoders for common.proto and resource.proto: AnyValue, KeyValue, InstrumentationScope, Resource,
// EntityRef. Output key order follows the .proto declarations, as the protobuf decoders do.
import { MAX_ANY_VALUE_DEPTH, orNull, tooDeep } from "../canonical";
import { OtlpDecodeError } from "../decode-error";
import type {
  OtlpAnyValue,
  OtlpEntityRef,
  OtlpInstrumentationScope,
  OtlpKeyValue,
  OtlpResource,
} from "../types";
import { readBase64, readBool, readDouble, readInt32, readInt64, readString } from "./scalars";
import { decodeList, decodeMessage, decodeScalars, type JsonObject } from "./structure";

/** AnyValue, or null when no variant is set ({} or all null). Two variants set is an error (a oneof). */
export function decodeAnyValue(o: JsonObject, depth: number): OtlpAnyValue | null {
  if (depth > MAX_ANY_VALUE_DEPTH) throw new OtlpDecodeError(tooDeep());
  let out: OtlpAnyValue | null = null;
  let chosen = "";
  for (const key in o) {
    const value = o[key];
    if (value == null) continue;
    const variant = decodeVariant(key, value, depth);
    if (variant === null) continue; // unknown key
    if (out !== null) throw new OtlpDecodeError(`more than one value set (${chosen} and ${key})`);
    out = variant;
    chosen = key;
  }
  return out;
}

function decodeVariant(key: string, value: unknown, depth: number): OtlpAnyValue | null {
  switch (key) {
    case "stringValue":
      return { stringValue: readString(value, key) };
    case "boolValue":
      return { boolValue: readBool(value, key) };
    case "intValue":
      return { intValue: readInt64(value, key, true) };
    case "doubleValue":
      return { doubleValue: readDouble(value, key) };
    case "arrayValue":
      return { arrayValue: decodeMessage(value, key, (o) => decodeArrayValue(o, depth + 1)) ?? {} };
    case "kvlistValue":
      return { kvlistValue: decodeMessage(value, key, (o) => decodeKeyValueList(o, depth + 1)) ?? {} };
    case "bytesValue":
      return { bytesValue: readBase64(value, key) };
    default:
      return null;
  }
}

function decodeArrayValue(o: JsonObject, depth: number): { values?: OtlpAnyValue[] } {
  const values = decodeList(o.values, "values", (item) => decodeAnyValue(item, depth) ?? {});
  return values.length > 0 ? { values } : {};
}

function decodeKeyValueList(o: JsonObject, depth: number): { values?: OtlpKeyValue[] } {
  const values = decodeList(o.values, "values", (item) => decodeKeyValueAt(item, depth));
  return values.length > 0 ? { values } : {};
}

function decodeKeyValueAt(o: JsonObject, depth: number): OtlpKeyValue {
  const key = readString(o.key, "key");
  const value = decodeMessage(o.value, "value", (v) => decodeAnyValue(v, depth));
  const out: OtlpKeyValue = {};
  if (key !== "") out.key = key;
  if (value !== null) out.value = value;
  return out;
}

export function decodeKeyValue(o: JsonObject): OtlpKeyValue {
  return decodeKeyValueAt(o, 1);
}

/** A repeated KeyValue field (attributes, filteredAttributes, metadata). */
export function decodeAttributes(value: unknown, name = "attributes"): OtlpKeyValue[] {
  return decodeList(value, name, decodeKeyValue);
}

export function decodeScope(o: JsonObject): OtlpInstrumentationScope | null {
  const name = readString(o.name, "name");
  const version = readString(o.version, "version");
  const attributes = decodeAttributes(o.attributes);
  const dropped = readInt32(o.droppedAttributesCount, "droppedAttributesCount", false);
  const out: OtlpInstrumentationScope = {};
  if (name !== "") out.name = name;
  if (version !== "") out.version = version;
  if (attributes.length > 0) out.attributes = attributes;
  if (dropped !== 0) out.droppedAttributesCount = dropped;
  return orNull(out);
}

export function decodeResource(o: JsonObject): OtlpResource | null {
  const attributes = decodeAttributes(o.attributes);
  const dropped = readInt32(o.droppedAttributesCount, "droppedAttributesCount", false);
  const entityRefs = decodeList(o.entityRefs, "entityRefs", decodeEntityRef);
  const out: OtlpResource = {};
  if (attributes.length > 0) out.attributes = attributes;
  if (dropped !== 0) out.droppedAttributesCount = dropped;
  if (entityRefs.length > 0) out.entityRefs = entityRefs;
  return orNull(out);
}

function decodeEntityRef(o: JsonObject): OtlpEntityRef {
  const schemaUrl = readString(o.schemaUrl, "schemaUrl");
  const type = readString(o.type, "type");
  const idKeys = decodeScalars(o.idKeys, "idKeys", readString);
  const descriptionKeys = decodeScalars(o.descriptionKeys, "descriptionKeys", readString);
  const out: OtlpEntityRef = {};
  if (schemaUrl !== "") out.schemaUrl = schemaUrl;
  if (type !== "") out.type = type;
  if (idKeys.length > 0) out.idKeys = idKeys;
  if (descriptionKeys.length > 0) out.descriptionKeys = descriptionKeys;
  return out;
}
