// Protobuf decoder for ExportLogsServiceRequest (collector/logs/v1 + logs/v1/logs.proto).
import { SPAN_ID_BYTES, TRACE_ID_BYTES } from "../record-tally";
import type { OtlpAnyValue, OtlpExportLogsServiceRequest, OtlpKeyValue, OtlpLogRecord } from "../types";
import { decodeAnyValue, decodeKeyValue, fieldError, readId, type FieldNames } from "./common";
import { decodeEnvelope } from "./envelope";
import type { WireReader } from "./reader";

const LOG_RECORD_FIELDS: FieldNames = {
  1: "timeUnixNano",
  11: "observedTimeUnixNano",
  2: "severityNumber",
  3: "severityText",
  5: "body",
  6: "attributes",
  7: "droppedAttributesCount",
  8: "flags",
  9: "traceId",
  10: "spanId",
  12: "eventName",
};

export function decodeLogsRequest(r: WireReader): OtlpExportLogsServiceRequest {
  return decodeEnvelope(
    r,
    { resources: "resourceLogs", scopes: "scopeLogs", items: "logRecords" },
    decodeLogRecord,
  );
}

function decodeLogRecord(r: WireReader, end: number): OtlpLogRecord | null {
  let time = "";
  let observedTime = "";
  let severityNumber = 0;
  let severityText = "";
  let body: OtlpAnyValue | null = null;
  const attributes: OtlpKeyValue[] = [];
  let dropped = 0;
  let flags = 0;
  let traceId = "";
  let spanId = "";
  let eventName = "";
  let field = 0;
  let index = -1;
  try {
    while (r.pos < end) {
      const tag = r.tag(end);
      field = tag >>> 3;
      index = -1;
      switch (tag) {
        case 0x09: // 1 time_unix_nano (fixed64)
          r.fixed64(end);
          time = r.unsignedDecimal();
          break;
        case 0x59: // 11 observed_time_unix_nano (fixed64)
          r.fixed64(end);
          observedTime = r.unsignedDecimal();
          break;
        case 0x10: // 2 severity_number (enum)
          severityNumber = r.varint32(end) | 0;
          break;
        case 0x1a: // 3 severity_text
          severityText = r.string(end);
          break;
        case 0x2a: // 5 body
          body = decodeAnyValue(r, r.length(end), 1);
          break;
        case 0x32: // 6 attributes
          index = attributes.length;
          attributes.push(decodeKeyValue(r, r.length(end)));
          break;
        case 0x38: // 7 dropped_attributes_count (uint32)
          dropped = r.varint32(end);
          break;
        case 0x45: // 8 flags (fixed32)
          flags = r.fixed32(end);
          break;
        case 0x4a: // 9 trace_id
          traceId = readId(r, end, "traceId", TRACE_ID_BYTES);
          break;
        case 0x52: // 10 span_id
          spanId = readId(r, end, "spanId", SPAN_ID_BYTES);
          break;
        case 0x62: // 12 event_name
          eventName = r.string(end);
          break;
        default:
          r.skip(tag, end);
      }
    }
  } catch (error) {
    throw fieldError(error, LOG_RECORD_FIELDS, field, index);
  }
  if (!r.tally.settle()) return null;
  const out: OtlpLogRecord = {};
  if (time !== "") out.timeUnixNano = time;
  if (observedTime !== "") out.observedTimeUnixNano = observedTime;
  if (severityNumber !== 0) out.severityNumber = severityNumber;
  if (severityText !== "") out.severityText = severityText;
  if (body !== null) out.body = body;
  if (attributes.length > 0) out.attributes = attributes;
  if (dropped !== 0) out.droppedAttributesCount = dropped;
  if (flags !== 0) out.flags = flags;
  if (traceId !== "") out.traceId = traceId;
  if (spanId !== "") out.spanId = spanId;
  if (eventName !== "") out.eventName = eventName;
  return out;
}
