// Gemini CLI tool call ids and outputs: the gemini_cli.tool_call event lacks both, but it is logged inside its
// schedule_tool_calls span, whose output messages list each call's request (callId) and response.
import type { TelemetryRecord } from "@/db/telemetry";
import type { ToolCall } from "@/lib/sessions/types";
import { jsonAttr, str } from "./common";

interface ScheduledCall {
  request?: { callId?: unknown; name?: unknown };
  response?: {
    responseParts?: { functionResponse?: { response?: Record<string, unknown> } }[];
    resultDisplay?: unknown;
  };
}

type ToolDetails = Pick<ToolCall, "call_id" | "output" | "span_id">;

/** For each tool_call event (in order), what its schedule_tool_calls span says about it; {} when unknown
 * (the spans have not arrived, or prompts are not logged and the messages are absent). */
export function matchToolOutputs(
  calls: readonly TelemetryRecord[],
  records: readonly TelemetryRecord[],
): Partial<ToolDetails>[] {
  const schedules = new Map<string, ScheduledCall[]>();
  const toolSpans = new Map<string, string>();
  for (const record of records) {
    if (record.signal !== "traces" || !record.spanId) continue;
    if (record.name === "schedule_tool_calls") {
      const messages = jsonAttr(record.attrs, "gen_ai.output.messages");
      if (Array.isArray(messages)) schedules.set(record.spanId, messages as ScheduledCall[]);
    }
    const callId = str(record.attrs, "gen_ai.tool.call_id");
    if (record.name === "tool_call" && callId !== null) toolSpans.set(callId, record.spanId);
  }
  const used = new Set<ScheduledCall>();
  return calls.map((call) => {
    const name = str(call.attrs, "function_name");
    const scheduled = (schedules.get(call.spanId ?? "") ?? []).find(
      (entry) => !used.has(entry) && entry.request?.name === name,
    );
    if (!scheduled) return {};
    used.add(scheduled);
    const callId = typeof scheduled.request?.callId === "string" ? scheduled.request.callId : null;
    return {
      call_id: callId,
      output: outputOf(scheduled),
      span_id: callId ? (toolSpans.get(callId) ?? null) : null,
    };
  });
}

/** The function response the model saw: its `output` (or `error`) text, else the response as JSON. */
function outputOf(scheduled: ScheduledCall): string | null {
  const response = scheduled.response?.responseParts?.[0]?.functionResponse?.response;
  if (response) {
    if (typeof response.output === "string") return response.output;
    if (typeof response.error === "string") return response.error;
    return JSON.stringify(response);
  }
  const display = scheduled.response?.resultDisplay;
  return typeof display === "string" ? display : null;
}
