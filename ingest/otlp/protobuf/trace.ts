// Protobuf decoder for ExportTraceServiceRequest (collector/trace/v1 + trace/v1/trace.proto): Span.
import { SPAN_ID_BYTES, TRACE_ID_BYTES } from "../record-tally";
import type {
  OtlpExportTraceServiceRequest,
  OtlpKeyValue,
  OtlpSpan,
  OtlpSpanEvent,
  OtlpSpanLink,
  OtlpStatus,
} from "../types";
import { decodeKeyValue } from "./common";
import { decodeEnvelope } from "./envelope";
import { decodeFields, readId, type FieldNames } from "./message";
import type { WireReader } from "./reader";
import { decodeSpanEvent, decodeSpanLink, decodeStatus } from "./span-parts";

export function decodeTraceRequest(r: WireReader): OtlpExportTraceServiceRequest {
  return decodeEnvelope(r, { resources: "resourceSpans", scopes: "scopeSpans", items: "spans" }, decodeSpan);
}

const SPAN_FIELDS: FieldNames = {
  1: "traceId",
  2: "spanId",
  3: "traceState",
  4: "parentSpanId",
  16: "flags",
  5: "name",
  6: "kind",
  7: "startTimeUnixNano",
  8: "endTimeUnixNano",
  9: "attributes[]",
  10: "droppedAttributesCount",
  11: "events[]",
  12: "droppedEventsCount",
  13: "links[]",
  14: "droppedLinksCount",
  15: "status",
};

class SpanFields {
  traceId = "";
  spanId = "";
  traceState = "";
  parentSpanId = "";
  flags = 0;
  name = "";
  kind = 0;
  start = "";
  end = "";
  attributes: OtlpKeyValue[] = [];
  dropped = 0;
  events: OtlpSpanEvent[] = [];
  droppedEvents = 0;
  links: OtlpSpanLink[] = [];
  droppedLinks = 0;
  status: OtlpStatus | null = null;
}

function readSpanField(r: WireReader, tag: number, end: number, f: SpanFields): void {
  if (tag === 0x0a)
    f.traceId = readId(r, end, "traceId", TRACE_ID_BYTES); // 1 trace_id
  else if (tag === 0x12)
    f.spanId = readId(r, end, "spanId", SPAN_ID_BYTES); // 2 span_id
  else if (tag === 0x1a)
    f.traceState = r.string(end); // 3 trace_state
  else if (tag === 0x22)
    f.parentSpanId = readId(r, end, "parentSpanId", SPAN_ID_BYTES); // 4 parent_span_id
  else if (tag === 0x85)
    f.flags = r.fixed32(end); // 16 flags (fixed32; tag bytes 0x85 0x01)
  else if (tag === 0x2a)
    f.name = r.string(end); // 5 name
  else if (tag === 0x30)
    f.kind = r.int32(end); // 6 kind (enum)
  else if (tag === 0x39)
    f.start = r.fixed64Decimal(end); // 7 start_time_unix_nano (fixed64)
  else if (tag === 0x41)
    f.end = r.fixed64Decimal(end); // 8 end_time_unix_nano (fixed64)
  else if (tag === 0x4a)
    f.attributes.push(decodeKeyValue(r, r.length(end))); // 9 attributes
  else if (tag === 0x50)
    f.dropped = r.varint32(end); // 10 dropped_attributes_count (uint32)
  else if (tag === 0x5a)
    f.events.push(decodeSpanEvent(r, r.length(end))); // 11 events
  else if (tag === 0x60)
    f.droppedEvents = r.varint32(end); // 12 dropped_events_count (uint32)
  else if (tag === 0x6a)
    f.links.push(decodeSpanLink(r, r.length(end))); // 13 links
  else if (tag === 0x70)
    f.droppedLinks = r.varint32(end); // 14 dropped_links_count (uint32)
  else if (tag === 0x7a)
    f.status = decodeStatus(r, r.length(end)); // 15 status
  else r.skip(tag, end);
}

/** Span, or null when rejected for a wrong-length id (its own, or a link's). */
function decodeSpan(r: WireReader, end: number): OtlpSpan | null {
  const f = decodeFields(r, end, SPAN_FIELDS, new SpanFields(), readSpanField);
  if (!r.tally.settle()) return null;
  const out: OtlpSpan = {};
  if (f.traceId !== "") out.traceId = f.traceId;
  if (f.spanId !== "") out.spanId = f.spanId;
  if (f.traceState !== "") out.traceState = f.traceState;
  if (f.parentSpanId !== "") out.parentSpanId = f.parentSpanId;
  if (f.flags !== 0) out.flags = f.flags;
  if (f.name !== "") out.name = f.name;
  if (f.kind !== 0) out.kind = f.kind;
  if (f.start !== "") out.startTimeUnixNano = f.start;
  if (f.end !== "") out.endTimeUnixNano = f.end;
  if (f.attributes.length > 0) out.attributes = f.attributes;
  if (f.dropped !== 0) out.droppedAttributesCount = f.dropped;
  if (f.events.length > 0) out.events = f.events;
  if (f.droppedEvents !== 0) out.droppedEventsCount = f.droppedEvents;
  if (f.links.length > 0) out.links = f.links;
  if (f.droppedLinks !== 0) out.droppedLinksCount = f.droppedLinks;
  if (f.status !== null) out.status = f.status;
  return out;
}
