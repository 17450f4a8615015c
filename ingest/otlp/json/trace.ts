// OTLP/JSON decoder for ExportTraceServiceRequest (trace/v1/trace.proto field order): Span, Event, Link, Status.
import { orNull, setIf } from "../canonical";
import { SPAN_ID_BYTES, TRACE_ID_BYTES, type RecordTally } from "../record-tally";
import type {
  OtlpExportTraceServiceRequest,
  OtlpSpan,
  OtlpSpanEvent,
  OtlpSpanLink,
  OtlpStatus,
} from "../types";
import { decodeAttributes } from "./common";
import { decodeEnvelope } from "./envelope";
import { SPAN_KIND_NAMES, STATUS_CODE_NAMES } from "./enums";
import { readEnum, readHexId, readInt32, readInt64Field, readString } from "./scalars";
import { decodeList, decodeMessage, type JsonObject } from "./structure";

export function decodeTraceJson(request: JsonObject, tally: RecordTally): OtlpExportTraceServiceRequest {
  return decodeEnvelope(request, { resources: "resourceSpans", scopes: "scopeSpans", items: "spans" }, (o) =>
    decodeSpan(o, tally),
  );
}

function decodeSpan(o: JsonObject, tally: RecordTally): OtlpSpan | null {
  const out: OtlpSpan = {};
  setIf(out, "traceId", readHexId(o.traceId, "traceId", TRACE_ID_BYTES, tally));
  setIf(out, "spanId", readHexId(o.spanId, "spanId", SPAN_ID_BYTES, tally));
  setIf(out, "traceState", readString(o.traceState, "traceState"));
  setIf(out, "parentSpanId", readHexId(o.parentSpanId, "parentSpanId", SPAN_ID_BYTES, tally));
  setIf(out, "flags", readInt32(o.flags, "flags", false));
  setIf(out, "name", readString(o.name, "name"));
  setIf(out, "kind", readEnum(o.kind, "kind", SPAN_KIND_NAMES));
  setIf(out, "startTimeUnixNano", readInt64Field(o.startTimeUnixNano, "startTimeUnixNano"));
  setIf(out, "endTimeUnixNano", readInt64Field(o.endTimeUnixNano, "endTimeUnixNano"));
  const attributes = decodeAttributes(o.attributes);
  if (attributes.length > 0) out.attributes = attributes;
  setIf(out, "droppedAttributesCount", readInt32(o.droppedAttributesCount, "droppedAttributesCount", false));
  const events = decodeList(o.events, "events", decodeEvent);
  if (events.length > 0) out.events = events;
  setIf(out, "droppedEventsCount", readInt32(o.droppedEventsCount, "droppedEventsCount", false));
  const links = decodeList(o.links, "links", (link) => decodeLink(link, tally));
  if (links.length > 0) out.links = links;
  setIf(out, "droppedLinksCount", readInt32(o.droppedLinksCount, "droppedLinksCount", false));
  const status = decodeMessage(o.status, "status", decodeStatus);
  if (status !== null) out.status = status;
  return tally.settle() ? out : null;
}

function decodeEvent(o: JsonObject): OtlpSpanEvent {
  const out: OtlpSpanEvent = {};
  setIf(out, "timeUnixNano", readInt64Field(o.timeUnixNano, "timeUnixNano"));
  setIf(out, "name", readString(o.name, "name"));
  const attributes = decodeAttributes(o.attributes);
  if (attributes.length > 0) out.attributes = attributes;
  setIf(out, "droppedAttributesCount", readInt32(o.droppedAttributesCount, "droppedAttributesCount", false));
  return out;
}

function decodeLink(o: JsonObject, tally: RecordTally): OtlpSpanLink {
  const out: OtlpSpanLink = {};
  setIf(out, "traceId", readHexId(o.traceId, "traceId", TRACE_ID_BYTES, tally, "links.traceId"));
  setIf(out, "spanId", readHexId(o.spanId, "spanId", SPAN_ID_BYTES, tally, "links.spanId"));
  setIf(out, "traceState", readString(o.traceState, "traceState"));
  const attributes = decodeAttributes(o.attributes);
  if (attributes.length > 0) out.attributes = attributes;
  setIf(out, "droppedAttributesCount", readInt32(o.droppedAttributesCount, "droppedAttributesCount", false));
  setIf(out, "flags", readInt32(o.flags, "flags", false));
  return out;
}

function decodeStatus(o: JsonObject): OtlpStatus | null {
  const out: OtlpStatus = {};
  setIf(out, "message", readString(o.message, "message"));
  setIf(out, "code", readEnum(o.code, "code", STATUS_CODE_NAMES));
  return orNull(out);
}
