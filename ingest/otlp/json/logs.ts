// OTLP/JSON decoder for ExportLogsServiceRequest (logs/v1/logs.proto field order).
import { SPAN_ID_BYTES, TRACE_ID_BYTES, type RecordTally } from "../record-tally";
import type { OtlpExportLogsServiceRequest, OtlpLogRecord } from "../types";
import { decodeAnyValue, decodeAttributes } from "./common";
import { decodeEnvelope } from "./envelope";
import { SEVERITY_NUMBER_NAMES } from "./enums";
import { readEnum, readHexId, readInt32, readInt64Field, readString } from "./scalars";
import { decodeMessage, type JsonObject } from "./structure";

export function decodeLogsJson(request: JsonObject, tally: RecordTally): OtlpExportLogsServiceRequest {
  return decodeEnvelope(
    request,
    { resources: "resourceLogs", scopes: "scopeLogs", items: "logRecords" },
    (o) => decodeLogRecord(o, tally),
  );
}

function decodeLogRecord(o: JsonObject, tally: RecordTally): OtlpLogRecord | null {
  const time = readInt64Field(o.timeUnixNano, "timeUnixNano");
  const observedTime = readInt64Field(o.observedTimeUnixNano, "observedTimeUnixNano");
  const severityNumber = readEnum(o.severityNumber, "severityNumber", SEVERITY_NUMBER_NAMES);
  const severityText = readString(o.severityText, "severityText");
  const body = decodeMessage(o.body, "body", (v) => decodeAnyValue(v, 1));
  const attributes = decodeAttributes(o.attributes);
  const dropped = readInt32(o.droppedAttributesCount, "droppedAttributesCount", false);
  const flags = readInt32(o.flags, "flags", false);
  const traceId = readHexId(o.traceId, "traceId", TRACE_ID_BYTES, tally);
  const spanId = readHexId(o.spanId, "spanId", SPAN_ID_BYTES, tally);
  const eventName = readString(o.eventName, "eventName");
  if (!tally.settle()) return null;
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
