// The request → Resource* → Scope* → item nesting in OTLP/JSON, identical for all three signals but for the
// key names: { resourceX: [{ resource, scopeX: [{ scope, items: [...], schemaUrl }], schemaUrl }] }.
import type { OtlpInstrumentationScope, OtlpResource } from "../types";
import { decodeResource, decodeScope } from "./common";
import { readString } from "./scalars";
import { decodeList, decodeMessage, type JsonObject } from "./structure";

export interface EnvelopeNames<RK extends string, SK extends string, IK extends string> {
  resources: RK;
  scopes: SK;
  items: IK;
}

/** Decodes one item; null means it was rejected and is left out. */
export type ItemDecoder<T> = (o: JsonObject) => T | null;

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
  request: JsonObject,
  names: EnvelopeNames<RK, SK, IK>,
  decodeItem: ItemDecoder<T>,
): Envelope<RK, SK, IK, T> {
  const groups = decodeList(request[names.resources], names.resources, (o) =>
    decodeResourceGroup(o, names, decodeItem),
  );
  const out: Record<string, unknown> = {};
  if (groups.length > 0) out[names.resources] = groups;
  return out as Envelope<RK, SK, IK, T>;
}

function decodeResourceGroup<SK extends string, IK extends string, T>(
  o: JsonObject,
  names: EnvelopeNames<string, SK, IK>,
  decodeItem: ItemDecoder<T>,
): ResourceGroup<SK, IK, T> {
  const resource = decodeMessage(o.resource, "resource", decodeResource);
  const scopes = decodeList(o[names.scopes], names.scopes, (s) =>
    decodeScopeGroup(s, names.items, decodeItem),
  );
  const schemaUrl = readString(o.schemaUrl, "schemaUrl");
  const out: Record<string, unknown> = {};
  if (resource !== null) out.resource = resource;
  if (scopes.length > 0) out[names.scopes] = scopes;
  if (schemaUrl !== "") out.schemaUrl = schemaUrl;
  return out as ResourceGroup<SK, IK, T>;
}

function decodeScopeGroup<IK extends string, T>(
  o: JsonObject,
  itemsName: IK,
  decodeItem: ItemDecoder<T>,
): ScopeGroup<IK, T> {
  const scope = decodeMessage(o.scope, "scope", decodeScope);
  const items = decodeList(o[itemsName], itemsName, decodeItem);
  const schemaUrl = readString(o.schemaUrl, "schemaUrl");
  const out: Record<string, unknown> = {};
  if (scope !== null) out.scope = scope;
  if (items.length > 0) out[itemsName] = items;
  if (schemaUrl !== "") out.schemaUrl = schemaUrl;
  return out as ScopeGroup<IK, T>;
}
