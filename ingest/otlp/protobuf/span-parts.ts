// Protobuf decoders for the parts of a Span (trace/v1/trace.proto): Span.Event, Span.Link, Status.
import { orNull } from "../canonical";
import { SPAN_ID_BYTES, TRACE_ID_BYTES } from "../record-tally";
import type { OtlpKeyValue, OtlpSpanEvent, OtlpSpanLink, OtlpStatus } from "../types";
import { decodeKeyValue } from "./common";
import { decodeFields, readId, type FieldNames } from "./message";
import type { WireReader } from "./reader";

const EVENT_FIELDS: FieldNames = {
  1: "timeUnixNano",
  2: "name",
  3: "attributes[]",
  4: "droppedAttributesCount",
};

class EventFields {
  time = "";
  name = "";
  attributes: OtlpKeyValue[] = [];
  dropped = 0;
}

function readEventField(r: WireReader, tag: number, end: number, f: EventFields): void {
  if (tag === 0x09)
    f.time = r.fixed64Decimal(end); // 1 time_unix_nano (fixed64)
  else if (tag === 0x12)
    f.name = r.string(end); // 2 name
  else if (tag === 0x1a)
    f.attributes.push(decodeKeyValue(r, r.length(end))); // 3 attributes
  else if (tag === 0x20)
    f.dropped = r.varint32(end); // 4 dropped_attributes_count (uint32)
  else r.skip(tag, end);
}

export function decodeSpanEvent(r: WireReader, end: number): OtlpSpanEvent {
  const f = decodeFields(r, end, EVENT_FIELDS, new EventFields(), readEventField);
  const out: OtlpSpanEvent = {};
  if (f.time !== "") out.timeUnixNano = f.time;
  if (f.name !== "") out.name = f.name;
  if (f.attributes.length > 0) out.attributes = f.attributes;
  if (f.dropped !== 0) out.droppedAttributesCount = f.dropped;
  return out;
}

const LINK_FIELDS: FieldNames = {
  1: "traceId",
  2: "spanId",
  3: "traceState",
  4: "attributes[]",
  5: "droppedAttributesCount",
  6: "flags",
};

class LinkFields {
  traceId = "";
  spanId = "";
  traceState = "";
  attributes: OtlpKeyValue[] = [];
  dropped = 0;
  flags = 0;
}

function readLinkField(r: WireReader, tag: number, end: number, f: LinkFields): void {
  if (tag === 0x0a)
    f.traceId = readId(r, end, "links.traceId", TRACE_ID_BYTES); // 1 trace_id
  else if (tag === 0x12)
    f.spanId = readId(r, end, "links.spanId", SPAN_ID_BYTES); // 2 span_id
  else if (tag === 0x1a)
    f.traceState = r.string(end); // 3 trace_state
  else if (tag === 0x22)
    f.attributes.push(decodeKeyValue(r, r.length(end))); // 4 attributes
  else if (tag === 0x28)
    f.dropped = r.varint32(end); // 5 dropped_attributes_count (uint32)
  else if (tag === 0x35)
    f.flags = r.fixed32(end); // 6 flags (fixed32)
  else r.skip(tag, end);
}

/** A link's wrong-length id flags the span that holds it. */
export function decodeSpanLink(r: WireReader, end: number): OtlpSpanLink {
  const f = decodeFields(r, end, LINK_FIELDS, new LinkFields(), readLinkField);
  const out: OtlpSpanLink = {};
  if (f.traceId !== "") out.traceId = f.traceId;
  if (f.spanId !== "") out.spanId = f.spanId;
  if (f.traceState !== "") out.traceState = f.traceState;
  if (f.attributes.length > 0) out.attributes = f.attributes;
  if (f.dropped !== 0) out.droppedAttributesCount = f.dropped;
  if (f.flags !== 0) out.flags = f.flags;
  return out;
}

const STATUS_FIELDS: FieldNames = { 2: "message", 3: "code" };

class StatusFields {
  message = "";
  code = 0;
}

function readStatusField(r: WireReader, tag: number, end: number, f: StatusFields): void {
  if (tag === 0x12)
    f.message = r.string(end); // 2 message (1 is reserved)
  else if (tag === 0x18)
    f.code = r.int32(end); // 3 code (enum)
  else r.skip(tag, end);
}

/** Status, or null when it decodes to nothing (code UNSET, no message). */
export function decodeStatus(r: WireReader, end: number): OtlpStatus | null {
  const f = decodeFields(r, end, STATUS_FIELDS, new StatusFields(), readStatusField);
  const out: OtlpStatus = {};
  if (f.message !== "") out.message = f.message;
  if (f.code !== 0) out.code = f.code;
  return orNull(out);
}
