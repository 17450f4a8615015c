// Protobuf decoder for ExportLogsServiceRequest (collector/logs/v1 + logs/v1/logs.proto): LogRecord.
import { SPAN_ID_BYTES, TRACE_ID_BYTES } from "../record-tally";
import type { OtlpAnyValue, OtlpExportLogsServiceRequest, OtlpKeyValue, OtlpLogRecord } from "../types";
import { decodeAnyValue, decodeKeyValue } from "./common";
import { decodeEnvelope } from "./envelope";
import { decodeFields, readId, type FieldNames } from "./message";
import type { WireReader } from "./reader";

export function decodeLogsRequest(r: WireReader): OtlpExportLogsServiceRequest {
  return decodeEnvelope(
    r,
    { resources: "resourceLogs", scopes: "scopeLogs", items: "logRecords" },
    decodeLogRecord,
  );
}

const LOG_RECORD_FIELDS: FieldNames = {
  1: "timeUnixNano",
  11: "observedTimeUnixNano",
  2: "severityNumber",
  3: "severityText",
  5: "body",
  6: "attributes[]",
  7: "droppedAttributesCount",
  8: "flags",
  9: "traceId",
  10: "spanId",
  12: "eventName",
};

class LogRecordFields {
  time = "";
  observedTime = "";
  severityNumber = 0;
  severityText = "";
  body: OtlpAnyValue | null = null;
  attributes: OtlpKeyValue[] = [];
  dropped = 0;
  flags = 0;
  traceId = "";
  spanId = "";
  eventName = "";
}

function readLogRecordField(r: WireReader, tag: number, end: number, f: LogRecordFields): void {
  if (tag === 0x09)
    f.time = r.fixed64Decimal(end); // 1 time_unix_nano (fixed64)
  else if (tag === 0x59)
    f.observedTime = r.fixed64Decimal(end); // 11 observed_time_unix_nano (fixed64)
  else if (tag === 0x10)
    f.severityNumber = r.int32(end); // 2 severity_number (enum)
  else if (tag === 0x1a)
    f.severityText = r.string(end); // 3 severity_text
  else if (tag === 0x2a)
    f.body = decodeAnyValue(r, r.length(end), 1); // 5 body
  else if (tag === 0x32)
    f.attributes.push(decodeKeyValue(r, r.length(end))); // 6 attributes
  else if (tag === 0x38)
    f.dropped = r.varint32(end); // 7 dropped_attributes_count (uint32)
  else if (tag === 0x45)
    f.flags = r.fixed32(end); // 8 flags (fixed32)
  else if (tag === 0x4a)
    f.traceId = readId(r, end, "traceId", TRACE_ID_BYTES); // 9 trace_id
  else if (tag === 0x52)
    f.spanId = readId(r, end, "spanId", SPAN_ID_BYTES); // 10 span_id
  else if (tag === 0x62)
    f.eventName = r.string(end); // 12 event_name
  else r.skip(tag, end);
}

/** LogRecord, or null when rejected for a wrong-length id. */
function decodeLogRecord(r: WireReader, end: number): OtlpLogRecord | null {
  const f = decodeFields(r, end, LOG_RECORD_FIELDS, new LogRecordFields(), readLogRecordField);
  if (!r.tally.settle()) return null;
  const out: OtlpLogRecord = {};
  if (f.time !== "") out.timeUnixNano = f.time;
  if (f.observedTime !== "") out.observedTimeUnixNano = f.observedTime;
  if (f.severityNumber !== 0) out.severityNumber = f.severityNumber;
  if (f.severityText !== "") out.severityText = f.severityText;
  if (f.body !== null) out.body = f.body;
  if (f.attributes.length > 0) out.attributes = f.attributes;
  if (f.dropped !== 0) out.droppedAttributesCount = f.dropped;
  if (f.flags !== 0) out.flags = f.flags;
  if (f.traceId !== "") out.traceId = f.traceId;
  if (f.spanId !== "") out.spanId = f.spanId;
  if (f.eventName !== "") out.eventName = f.eventName;
  return out;
}
