// `eval`: each labeled turn as one OTLP/JSON ExportLogsServiceRequest holding one `gen_ai.evaluation.result`
// log record (OpenTelemetry GenAI semantic conventions), so labels can be POSTed to any OTLP backend's
// /v1/logs as they are (docs/export-format.md "eval"). Canonical OTLP/JSON: hex ids, int64 as strings.
import { TRACEMARK_VERSION } from "@/lib/version";
import type { TurnLine } from "./formats";

/** The OTLP/JSON values this writer emits (lib may not import ingest's wire types; these are the subset used). */
interface OtlpAnyValue {
  stringValue?: string;
  intValue?: string;
  doubleValue?: number;
  arrayValue?: { values: OtlpAnyValue[] };
}
interface OtlpKeyValue {
  key: string;
  value: OtlpAnyValue;
}

export const EVALUATION_EVENT = "gen_ai.evaluation.result";
export const EVALUATION_NAME = "tracemark.label";
/** SeverityNumber INFO (OTLP logs data model). */
const SEVERITY_INFO = 9;

const str = (key: string, value: string): OtlpKeyValue => ({ key, value: { stringValue: value } });

/** The attributes of one evaluation record; optional ones only when the turn has them. */
function evaluationAttributes(line: TurnLine & { label: "good" | "bad" }): OtlpKeyValue[] {
  const attributes: OtlpKeyValue[] = [
    str("gen_ai.evaluation.name", EVALUATION_NAME),
    str("gen_ai.evaluation.score.label", line.label),
    { key: "gen_ai.evaluation.score.value", value: { doubleValue: line.label === "good" ? 1 : 0 } },
  ];
  if (line.note !== null) attributes.push(str("gen_ai.evaluation.explanation", line.note));
  const reasons: OtlpAnyValue = { arrayValue: { values: line.reasons.map((id) => ({ stringValue: id })) } };
  attributes.push({ key: "tracemark.evaluation.reasons", value: reasons });
  attributes.push(str("tracemark.session.id", line.session_id), str("tracemark.turn.id", line.turn_id));
  attributes.push(str("tracemark.client", line.client));
  if (line.model !== null) attributes.push(str("gen_ai.request.model", line.model));
  if (line.labeled_by !== null) attributes.push(str("tracemark.labeled_by", line.labeled_by));
  return attributes;
}

const toNanos = (isoTime: string | null): string =>
  isoTime === null ? "0" : `${BigInt(Date.parse(isoTime)) * 1_000_000n}`;

/** One request line for a labeled turn; null for an unlabeled one. `span` is the turn's span when traced. */
export function toEvalRequest(
  line: TurnLine,
  span: { traceId: string; spanId: string } | undefined,
): object | null {
  if (line.label === null) return null;
  const time = toNanos(line.labeled_at);
  const record: Record<string, unknown> = {
    timeUnixNano: time,
    observedTimeUnixNano: time,
    severityNumber: SEVERITY_INFO,
    severityText: "INFO",
    eventName: EVALUATION_EVENT,
    attributes: evaluationAttributes({ ...line, label: line.label }),
  };
  if (span) {
    record.traceId = span.traceId;
    record.spanId = span.spanId;
  }
  return {
    resourceLogs: [
      {
        resource: {
          attributes: [str("service.name", "tracemark"), str("service.version", TRACEMARK_VERSION)],
        },
        scopeLogs: [
          { scope: { name: "tracemark.export", version: TRACEMARK_VERSION }, logRecords: [record] },
        ],
      },
    ],
  };
}
