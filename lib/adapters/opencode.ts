// opencode (Vercel AI SDK telemetry with `experimental.openTelemetry`): sessions by opencode's `session.id`,
// turns by user message (under `opencode serve` one trace spans every prompt and session of the process);
// its hidden agents (session title, summary, compaction) are helper calls.
import type { TelemetryRecord } from "@/db/telemetry";
import type { ClientAdapter } from "./adapter";
import { systemText, type AiSdkCall } from "./ai-sdk";
import { describeAiSdkTurn, sliceByUserMessage, type AiHelperOf } from "./ai-sdk-turns";
import { parseJson, str } from "./common";

/** opencode's built-in hidden agents; any other agent (build, plan, custom) is the user's. */
const HELPER_AGENTS = new Set(["title", "summary", "compaction"]);

/**
 * opencode logs `["stream", {"agent": …, "small": …}]` inside the span that wraps each model call (the
 * parent of `ai.streamText`). Without that log (lost batch), its title prompt still gives the title call away.
 */
function agentOf(call: AiSdkCall, records: readonly TelemetryRecord[]): string | null {
  const wrapper = call.outer?.parentSpanId;
  if (!wrapper) return null;
  for (const record of records) {
    if (record.signal !== "logs" || record.spanId !== wrapper || !Array.isArray(record.body)) continue;
    const [message, details] = record.body;
    if (message !== "stream" || typeof details !== "string") continue;
    const agent = (parseJson(details) as { agent?: unknown } | undefined)?.agent;
    if (typeof agent === "string") return agent;
  }
  return null;
}

export const opencodeHelper: AiHelperOf = (call, records) => {
  const agent = agentOf(call, records);
  if (agent !== null) return HELPER_AGENTS.has(agent) ? agent : null;
  return /^You are a title generator/.test(systemText(call)) ? "title" : null;
};

export const opencode: ClientAdapter = {
  id: "opencode",
  matchesService: (name) => name === "opencode",
  clientVersion: (resource) => str(resource, "service.version"),
  // Only the session's own calls: the rest of a shared server trace is another session's (or nobody's).
  sliceTurns: (records, sessionId) => ({
    turns: sliceByUserMessage(records.all, opencodeHelper, (call) => call.sessionId === sessionId),
  }),
  describeTurn: (slice) => describeAiSdkTurn(slice, opencodeHelper),
};
