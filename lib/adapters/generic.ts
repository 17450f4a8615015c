// Any other OpenTelemetry GenAI source: turns are top-level invoke_agent spans, else one per trace that
// carries gen_ai.* telemetry; the session is `session.id` / `gen_ai.conversation.id`, else the trace.
import type { NativeEventReader } from "@/lib/sessions/signals";
import type { ClientAdapter } from "./adapter";
import { eventName, ratingFeedback, str } from "./common";
import { describeGenAiTurn, sliceByAgentSpans, sliceByTraces } from "./genai";

/**
 * Signals of agents without their own module yet. Qwen Code (a Gemini CLI fork, fixtures otlp-more/qwen):
 * `qwen-code.user_feedback` carries `rating` 1 bad, 2 fine, 3 good and an optional `prompt_id`; a tool call the
 * user cancelled is a `qwen-code.tool_call` with `status: "cancelled"` (its telemetry docs).
 */
const nativeEvents: NativeEventReader = {
  interruptOf: (record) =>
    eventName(record) === "qwen-code.tool_call" && str(record.attrs, "status") === "cancelled"
      ? "qwen-code.tool_call:cancelled"
      : null,
  feedbackOf: (record) =>
    eventName(record) === "qwen-code.user_feedback"
      ? ratingFeedback("qwen-code.user_feedback", record.attrs.rating, str(record.attrs, "prompt_id"))
      : null,
};

export const generic: ClientAdapter = {
  id: "generic",
  name: "Other OpenTelemetry GenAI source",
  tone: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
  matchesService: () => true,
  sessionKeys: ["session.id", "gen_ai.conversation.id"],
  traceIsSession: true,
  clientVersion: (resource) => str(resource, "service.version"),
  sliceTurns: (records) => {
    const agentTurns = sliceByAgentSpans(records);
    return { turns: agentTurns.length > 0 ? agentTurns : sliceByTraces(records) };
  },
  describeTurn: (slice) => describeGenAiTurn(slice),
  nativeEvents,
};
