// Protobuf decoders for the parts of a Span (trace/v1/trace.proto): Span.Event, Span.Link, Status.
import { orNull } from "../canonical";
import { SPAN_ID_BYTES, TRACE_ID_BYTES } from "../record-tally";
import type { OtlpKeyValue, OtlpSpanEvent, OtlpSpanLink, OtlpStatus } from "../types";
import { decodeKeyValue, fieldError, readId, type FieldNames } from "./common";
import type { WireReader } from "./reader";

const EVENT_FIELDS: FieldNames = {
  1: "timeUnixNano",
  2: "name",
  3: "attributes",
  4: "droppedAttributesCount",
};

export function decodeSpanEvent(r: WireReader, end: number): OtlpSpanEvent {
  let time = "";
  let name = "";
  const attributes: OtlpKeyValue[] = [];
  let dropped = 0;
  let field = 0;
  let index = -1;
  try {
    while (r.pos < end) {
      const tag = r.tag(end);
      field = tag >>> 3;
      index = -1;
      if (tag === 0x09) {
        // 1 time_unix_nano (fixed64)
        r.fixed64(end);
        time = r.unsignedDecimal();
      } else if (tag === 0x12)
        name = r.string(end); // 2 name
      else if (tag === 0x1a) {
        // 3 attributes
        index = attributes.length;
        attributes.push(decodeKeyValue(r, r.length(end)));
      } else if (tag === 0x20)
        dropped = r.varint32(end); // 4 dropped_attributes_count (uint32)
      else r.skip(tag, end);
    }
  } catch (error) {
    throw fieldError(error, EVENT_FIELDS, field, index);
  }
  const out: OtlpSpanEvent = {};
  if (time !== "") out.timeUnixNano = time;
  if (name !== "") out.name = name;
  if (attributes.length > 0) out.attributes = attributes;
  if (dropped !== 0) out.droppedAttributesCount = dropped;
  return out;
}

const LINK_FIELDS: FieldNames = {
  1: "traceId",
  2: "spanId",
  3: "traceState",
  4: "attributes",
  5: "droppedAttributesCount",
  6: "flags",
};

export function decodeSpanLink(r: WireReader, end: number): OtlpSpanLink {
  let traceId = "";
  let spanId = "";
  let traceState = "";
  const attributes: OtlpKeyValue[] = [];
  let dropped = 0;
  let flags = 0;
  let field = 0;
  let index = -1;
  try {
    while (r.pos < end) {
      const tag = r.tag(end);
      field = tag >>> 3;
      index = -1;
      if (tag === 0x0a)
        traceId = readId(r, end, "links.traceId", TRACE_ID_BYTES); // 1 trace_id
      else if (tag === 0x12)
        spanId = readId(r, end, "links.spanId", SPAN_ID_BYTES); // 2 span_id
      else if (tag === 0x1a)
        traceState = r.string(end); // 3 trace_state
      else if (tag === 0x22) {
        // 4 attributes
        index = attributes.length;
        attributes.push(decodeKeyValue(r, r.length(end)));
      } else if (tag === 0x28)
        dropped = r.varint32(end); // 5 dropped_attributes_count (uint32)
      else if (tag === 0x35)
        flags = r.fixed32(end); // 6 flags (fixed32)
      else r.skip(tag, end);
    }
  } catch (error) {
    throw fieldError(error, LINK_FIELDS, field, index);
  }
  const out: OtlpSpanLink = {};
  if (traceId !== "") out.traceId = traceId;
  if (spanId !== "") out.spanId = spanId;
  if (traceState !== "") out.traceState = traceState;
  if (attributes.length > 0) out.attributes = attributes;
  if (dropped !== 0) out.droppedAttributesCount = dropped;
  if (flags !== 0) out.flags = flags;
  return out;
}

const STATUS_FIELDS: FieldNames = { 2: "message", 3: "code" };

/** Status, or null when it decodes to nothing (code UNSET, no message). */
export function decodeStatus(r: WireReader, end: number): OtlpStatus | null {
  let message = "";
  let code = 0;
  let field = 0;
  try {
    while (r.pos < end) {
      const tag = r.tag(end);
      field = tag >>> 3;
      if (tag === 0x12)
        message = r.string(end); // 2 message (1 is reserved)
      else if (tag === 0x18)
        code = r.varint32(end) | 0; // 3 code (enum)
      else r.skip(tag, end);
    }
  } catch (error) {
    throw fieldError(error, STATUS_FIELDS, field, -1);
  }
  const out: OtlpStatus = {};
  if (message !== "") out.message = message;
  if (code !== 0) out.code = code;
  return orNull(out);
}
