// Protobuf decoder for ExportTraceServiceRequest (collector/trace/v1 + trace/v1/trace.proto).
import { SPAN_ID_BYTES, TRACE_ID_BYTES } from "../record-tally";
import type {
  OtlpExportTraceServiceRequest,
  OtlpKeyValue,
  OtlpSpan,
  OtlpSpanEvent,
  OtlpSpanLink,
  OtlpStatus,
} from "../types";
import { decodeKeyValue, fieldError, readId, type FieldNames } from "./common";
import { decodeEnvelope } from "./envelope";
import { decodeSpanEvent, decodeSpanLink, decodeStatus } from "./span-parts";
import type { WireReader } from "./reader";

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
  9: "attributes",
  10: "droppedAttributesCount",
  11: "events",
  12: "droppedEventsCount",
  13: "links",
  14: "droppedLinksCount",
  15: "status",
};

export function decodeTraceRequest(r: WireReader): OtlpExportTraceServiceRequest {
  return decodeEnvelope(r, { resources: "resourceSpans", scopes: "scopeSpans", items: "spans" }, decodeSpan);
}

/** Span fields in a reusable holder: the decoder loop stays one small switch. */
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

function decodeSpan(r: WireReader, end: number): OtlpSpan | null {
  const s = new SpanFields();
  let field = 0;
  let index = -1;
  try {
    while (r.pos < end) {
      const tag = r.tag(end);
      field = tag >>> 3;
      index = -1;
      switch (tag) {
        case 0x0a: // 1 trace_id
          s.traceId = readId(r, end, "traceId", TRACE_ID_BYTES);
          break;
        case 0x12: // 2 span_id
          s.spanId = readId(r, end, "spanId", SPAN_ID_BYTES);
          break;
        case 0x1a: // 3 trace_state
          s.traceState = r.string(end);
          break;
        case 0x22: // 4 parent_span_id
          s.parentSpanId = readId(r, end, "parentSpanId", SPAN_ID_BYTES);
          break;
        case 0x85: // 16 flags (fixed32); tag 0x85 0x01 on the wire
          s.flags = r.fixed32(end);
          break;
        case 0x2a: // 5 name
          s.name = r.string(end);
          break;
        case 0x30: // 6 kind (enum)
          s.kind = r.varint32(end) | 0;
          break;
        case 0x39: // 7 start_time_unix_nano (fixed64)
          r.fixed64(end);
          s.start = r.unsignedDecimal();
          break;
        case 0x41: // 8 end_time_unix_nano (fixed64)
          r.fixed64(end);
          s.end = r.unsignedDecimal();
          break;
        case 0x4a: // 9 attributes
          index = s.attributes.length;
          s.attributes.push(decodeKeyValue(r, r.length(end)));
          break;
        case 0x50: // 10 dropped_attributes_count (uint32)
          s.dropped = r.varint32(end);
          break;
        case 0x5a: // 11 events
          index = s.events.length;
          s.events.push(decodeSpanEvent(r, r.length(end)));
          break;
        case 0x60: // 12 dropped_events_count (uint32)
          s.droppedEvents = r.varint32(end);
          break;
        case 0x6a: // 13 links
          index = s.links.length;
          s.links.push(decodeSpanLink(r, r.length(end)));
          break;
        case 0x70: // 14 dropped_links_count (uint32)
          s.droppedLinks = r.varint32(end);
          break;
        case 0x7a: // 15 status
          s.status = decodeStatus(r, r.length(end));
          break;
        default:
          r.skip(tag, end);
      }
    }
  } catch (error) {
    throw fieldError(error, SPAN_FIELDS, field, index);
  }
  return r.tally.settle() ? toSpan(s) : null;
}

function toSpan(s: SpanFields): OtlpSpan {
  const out: OtlpSpan = {};
  if (s.traceId !== "") out.traceId = s.traceId;
  if (s.spanId !== "") out.spanId = s.spanId;
  if (s.traceState !== "") out.traceState = s.traceState;
  if (s.parentSpanId !== "") out.parentSpanId = s.parentSpanId;
  if (s.flags !== 0) out.flags = s.flags;
  if (s.name !== "") out.name = s.name;
  if (s.kind !== 0) out.kind = s.kind;
  if (s.start !== "") out.startTimeUnixNano = s.start;
  if (s.end !== "") out.endTimeUnixNano = s.end;
  if (s.attributes.length > 0) out.attributes = s.attributes;
  if (s.dropped !== 0) out.droppedAttributesCount = s.dropped;
  if (s.events.length > 0) out.events = s.events;
  if (s.droppedEvents !== 0) out.droppedEventsCount = s.droppedEvents;
  if (s.links.length > 0) out.links = s.links;
  if (s.droppedLinks !== 0) out.droppedLinksCount = s.droppedLinks;
  if (s.status !== null) out.status = s.status;
  return out;
}
