// Protobuf decoders for resource.proto's Resource and common.proto's EntityRef.
import { orNull } from "../canonical";
import type { OtlpEntityRef, OtlpKeyValue, OtlpResource } from "../types";
import { decodeKeyValue } from "./common";
import { decodeFields, type FieldNames } from "./message";
import type { WireReader } from "./reader";

const RESOURCE_FIELDS: FieldNames = { 1: "attributes[]", 2: "droppedAttributesCount", 3: "entityRefs[]" };

class ResourceFields {
  attributes: OtlpKeyValue[] = [];
  dropped = 0;
  entityRefs: OtlpEntityRef[] = [];
}

function readResourceField(r: WireReader, tag: number, end: number, f: ResourceFields): void {
  if (tag === 0x0a)
    f.attributes.push(decodeKeyValue(r, r.length(end))); // 1 attributes
  else if (tag === 0x10)
    f.dropped = r.varint32(end); // 2 dropped_attributes_count (uint32)
  else if (tag === 0x1a)
    f.entityRefs.push(decodeEntityRef(r, r.length(end))); // 3 entity_refs
  else r.skip(tag, end);
}

/** Resource, or null when it decodes to nothing. */
export function decodeResource(r: WireReader, end: number): OtlpResource | null {
  const f = decodeFields(r, end, RESOURCE_FIELDS, new ResourceFields(), readResourceField);
  const out: OtlpResource = {};
  if (f.attributes.length > 0) out.attributes = f.attributes;
  if (f.dropped !== 0) out.droppedAttributesCount = f.dropped;
  if (f.entityRefs.length > 0) out.entityRefs = f.entityRefs;
  return orNull(out);
}

const ENTITY_REF_FIELDS: FieldNames = { 1: "schemaUrl", 2: "type", 3: "idKeys", 4: "descriptionKeys" };

class EntityRefFields {
  schemaUrl = "";
  type = "";
  idKeys: string[] = [];
  descriptionKeys: string[] = [];
}

function readEntityRefField(r: WireReader, tag: number, end: number, f: EntityRefFields): void {
  if (tag === 0x0a)
    f.schemaUrl = r.string(end); // 1 schema_url
  else if (tag === 0x12)
    f.type = r.string(end); // 2 type
  else if (tag === 0x1a)
    f.idKeys.push(r.string(end)); // 3 id_keys
  else if (tag === 0x22)
    f.descriptionKeys.push(r.string(end)); // 4 description_keys
  else r.skip(tag, end);
}

function decodeEntityRef(r: WireReader, end: number): OtlpEntityRef {
  const f = decodeFields(r, end, ENTITY_REF_FIELDS, new EntityRefFields(), readEntityRefField);
  const out: OtlpEntityRef = {};
  if (f.schemaUrl !== "") out.schemaUrl = f.schemaUrl;
  if (f.type !== "") out.type = f.type;
  if (f.idKeys.length > 0) out.idKeys = f.idKeys;
  if (f.descriptionKeys.length > 0) out.descriptionKeys = f.descriptionKeys;
  return out;
}
