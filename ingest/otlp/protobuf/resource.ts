// Protobuf decoders for resource.proto's Resource and common.proto's EntityRef.
import { orNull } from "../canonical";
import type { OtlpEntityRef, OtlpKeyValue, OtlpResource } from "../types";
import { decodeKeyValue, fieldError, type FieldNames } from "./common";
import type { WireReader } from "./reader";

const RESOURCE_FIELDS: FieldNames = { 1: "attributes", 2: "droppedAttributesCount", 3: "entityRefs" };

/** Resource, or null when it decodes to nothing. */
export function decodeResource(r: WireReader, end: number): OtlpResource | null {
  const attributes: OtlpKeyValue[] = [];
  let dropped = 0;
  const entityRefs: OtlpEntityRef[] = [];
  let field = 0;
  let index = -1;
  try {
    while (r.pos < end) {
      const tag = r.tag(end);
      field = tag >>> 3;
      index = -1;
      if (tag === 0x0a) {
        // 1 attributes
        index = attributes.length;
        attributes.push(decodeKeyValue(r, r.length(end)));
      } else if (tag === 0x10)
        dropped = r.varint32(end); // 2 dropped_attributes_count (uint32)
      else if (tag === 0x1a) {
        // 3 entity_refs
        index = entityRefs.length;
        entityRefs.push(decodeEntityRef(r, r.length(end)));
      } else r.skip(tag, end);
    }
  } catch (error) {
    throw fieldError(error, RESOURCE_FIELDS, field, index);
  }
  const out: OtlpResource = {};
  if (attributes.length > 0) out.attributes = attributes;
  if (dropped !== 0) out.droppedAttributesCount = dropped;
  if (entityRefs.length > 0) out.entityRefs = entityRefs;
  return orNull(out);
}

const ENTITY_REF_FIELDS: FieldNames = { 1: "schemaUrl", 2: "type", 3: "idKeys", 4: "descriptionKeys" };

function decodeEntityRef(r: WireReader, end: number): OtlpEntityRef {
  let schemaUrl = "";
  let type = "";
  const idKeys: string[] = [];
  const descriptionKeys: string[] = [];
  let field = 0;
  try {
    while (r.pos < end) {
      const tag = r.tag(end);
      field = tag >>> 3;
      if (tag === 0x0a)
        schemaUrl = r.string(end); // 1 schema_url
      else if (tag === 0x12)
        type = r.string(end); // 2 type
      else if (tag === 0x1a)
        idKeys.push(r.string(end)); // 3 id_keys
      else if (tag === 0x22)
        descriptionKeys.push(r.string(end)); // 4 description_keys
      else r.skip(tag, end);
    }
  } catch (error) {
    throw fieldError(error, ENTITY_REF_FIELDS, field, -1);
  }
  const out: OtlpEntityRef = {};
  if (schemaUrl !== "") out.schemaUrl = schemaUrl;
  if (type !== "") out.type = type;
  if (idKeys.length > 0) out.idKeys = idKeys;
  if (descriptionKeys.length > 0) out.descriptionKeys = descriptionKeys;
  return out;
}
