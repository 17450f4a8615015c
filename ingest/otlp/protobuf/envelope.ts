// The request → Resource* → Scope* → item nesting, identical on the wire for all three signals:
// Export*ServiceRequest { 1 resource_* }, Resource* { 1 resource, 2 scope_*, 3 schema_url },
// Scope* { 1 scope, 2 items, 3 schema_url }. Only the JSON names and the item decoder differ per signal.
import { within } from "../decode-error";
import type { OtlpInstrumentationScope, OtlpResource } from "../types";
import { decodeScope } from "./common";
import { fieldError } from "./message";
import type { WireReader } from "./reader";
import { decodeResource } from "./resource";

export interface EnvelopeNames<RK extends string, SK extends string, IK extends string> {
  resources: RK;
  scopes: SK;
  items: IK;
}

/** Decodes one item; null means it was rejected and is left out. */
export type ItemDecoder<T> = (r: WireReader, end: number) => T | null;

// Keys are computed from the signal's names, so groups are built as records and cast once to these shapes.
type ScopeGroup<IK extends string, T> = { scope?: OtlpInstrumentationScope; schemaUrl?: string } & {
  [K in IK]?: T[];
};
type ResourceGroup<SK extends string, IK extends string, T> = {
  resource?: OtlpResource;
  schemaUrl?: string;
} & {
  [K in SK]?: ScopeGroup<IK, T>[];
};
export type Envelope<RK extends string, SK extends string, IK extends string, T> = {
  [K in RK]?: ResourceGroup<SK, IK, T>[];
};

export function decodeEnvelope<RK extends string, SK extends string, IK extends string, T>(
  r: WireReader,
  names: EnvelopeNames<RK, SK, IK>,
  decodeItem: ItemDecoder<T>,
): Envelope<RK, SK, IK, T> {
  const end = r.buf.length;
  const groups: ResourceGroup<SK, IK, T>[] = [];
  while (r.pos < end) {
    const tag = r.tag(end);
    if (tag !== 0x0a) {
      r.skip(tag, end);
      continue;
    }
    // 1 resource_logs | resource_spans | resource_metrics
    try {
      groups.push(decodeResourceGroup(r, r.length(end), names, decodeItem));
    } catch (error) {
      throw within(error, names.resources, groups.length);
    }
  }
  const out: Record<string, unknown> = {};
  if (groups.length > 0) out[names.resources] = groups;
  return out as Envelope<RK, SK, IK, T>;
}

function decodeResourceGroup<SK extends string, IK extends string, T>(
  r: WireReader,
  end: number,
  names: EnvelopeNames<string, SK, IK>,
  decodeItem: ItemDecoder<T>,
): ResourceGroup<SK, IK, T> {
  let resource: OtlpResource | null = null;
  const scopes: ScopeGroup<IK, T>[] = [];
  let schemaUrl = "";
  let field = 0;
  try {
    while (r.pos < end) {
      field = 0; // a bad tag belongs to no field
      const tag = r.tag(end);
      field = tag >>> 3;
      if (tag === 0x0a)
        resource = decodeResource(r, r.length(end)); // 1 resource
      else if (tag === 0x12)
        scopes.push(decodeScopeGroup(r, r.length(end), names.items, decodeItem)); // 2 scope_*
      else if (tag === 0x1a)
        schemaUrl = r.string(end); // 3 schema_url
      else r.skip(tag, end);
    }
  } catch (error) {
    throw fieldError(
      error,
      { 1: "resource", 2: `${names.scopes}[]`, 3: "schemaUrl" },
      field,
      {},
      scopes.length,
    );
  }
  const out: Record<string, unknown> = {};
  if (resource !== null) out.resource = resource;
  if (scopes.length > 0) out[names.scopes] = scopes;
  if (schemaUrl !== "") out.schemaUrl = schemaUrl;
  return out as ResourceGroup<SK, IK, T>;
}

function decodeScopeGroup<IK extends string, T>(
  r: WireReader,
  end: number,
  itemsName: IK,
  decodeItem: ItemDecoder<T>,
): ScopeGroup<IK, T> {
  let scope: OtlpInstrumentationScope | null = null;
  const items: T[] = [];
  let schemaUrl = "";
  let field = 0;
  let seen = 0; // wire index of the item being decoded: rejected items leave gaps in `items`
  try {
    while (r.pos < end) {
      field = 0; // a bad tag belongs to no field
      const tag = r.tag(end);
      field = tag >>> 3;
      if (tag === 0x0a)
        scope = decodeScope(r, r.length(end)); // 1 scope
      else if (tag === 0x12) {
        // 2 log_records | spans | metrics
        const item = decodeItem(r, r.length(end));
        seen++;
        if (item !== null) items.push(item);
      } else if (tag === 0x1a)
        schemaUrl = r.string(end); // 3 schema_url
      else r.skip(tag, end);
    }
  } catch (error) {
    throw fieldError(error, { 1: "scope", 2: `${itemsName}[]`, 3: "schemaUrl" }, field, {}, seen);
  }
  const out: Record<string, unknown> = {};
  if (scope !== null) out.scope = scope;
  if (items.length > 0) out[itemsName] = items;
  if (schemaUrl !== "") out.schemaUrl = schemaUrl;
  return out as ScopeGroup<IK, T>;
}
