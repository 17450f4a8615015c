// Qwen Code tool calls: the `qwen-code.tool_call` log event (name, arguments, success, decision, and for a
// failure the error text the model got back), joined by call id to its `qwen-code.tool` execute_tool span
// (the output, only with includeSensitiveSpanAttributes). Exit codes are read from the shell tool's text.
import { nsToMs, type TelemetryRecord } from "@/db/telemetry";
import type { ToolCall } from "@/lib/sessions/types";
import { toolCall } from "./adapter";
import { bool, jsonAttr, num, parseJson, spanDurationMs, str, toDecision } from "./common";

/** run_shell_command reports "Exit Code: N" on a line of the text it returns to the model. */
const EXIT_CODE = /^Exit Code: (-?\d+)\s*$/m;

export function exitCodeOf(text: string | null): number | null {
  const match = text === null ? null : EXIT_CODE.exec(text);
  return match ? Number(match[1]) : null;
}

/** Arguments as one compact JSON text (the log pretty-prints them; the span does not), else as logged. */
function compactArgs(raw: string | null): string | null {
  const parsed = parseJson(raw);
  return parsed === undefined || raw === null ? raw : JSON.stringify(parsed);
}

/** The span's `gen_ai.tool.call.result` is `{"output": …}` (or an error/llmContent shape); take the text. */
function resultText(span: TelemetryRecord | undefined): string | null {
  if (!span) return null;
  const result = jsonAttr(span.attrs, "gen_ai.tool.call.result");
  if (typeof result === "string") return result;
  if (result && typeof result === "object" && !Array.isArray(result)) {
    const fields = result as Record<string, unknown>;
    for (const key of ["output", "llmContent", "error"])
      if (typeof fields[key] === "string") return fields[key];
    return JSON.stringify(result);
  }
  return null;
}

export function qwenToolCalls(
  events: readonly TelemetryRecord[],
  records: readonly TelemetryRecord[],
  helperOf: (record: TelemetryRecord) => string | null,
): ToolCall[] {
  const spans = new Map<string, TelemetryRecord>();
  for (const record of records) {
    if (record.signal !== "traces" || record.name !== "qwen-code.tool") continue;
    const id = str(record.attrs, "gen_ai.tool.call.id") ?? str(record.attrs, "tool.call_id");
    if (id !== null) spans.set(id, record);
  }
  return events.map((event) => {
    const attrs = event.attrs;
    const callId = str(attrs, "call_id");
    const span = callId !== null ? spans.get(callId) : undefined;
    const success = bool(attrs, "success");
    // A failed call's error text is what the model was told (the shell tool's full report).
    const output =
      resultText(span) ?? (success === false ? (str(attrs, "error") ?? str(attrs, "error.message")) : null);
    const duration = num(attrs, "duration_ms") ?? (span ? spanDurationMs(span) : null);
    const at = nsToMs(event.timeNs);
    return toolCall({
      name: str(attrs, "function_name") ?? "unknown",
      call_id: callId,
      arguments: compactArgs(
        str(span?.attrs ?? {}, "gen_ai.tool.call.arguments") ?? str(attrs, "function_args"),
      ),
      output,
      success,
      exit_code: exitCodeOf(output),
      duration_ms: duration,
      decision: toDecision(str(attrs, "decision")),
      started_at: at !== null && duration !== null ? at - duration : at,
      span_id: span?.spanId ?? null,
      helper: helperOf(event),
    });
  });
}
