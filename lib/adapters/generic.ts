// Any other OpenTelemetry GenAI source: turns are top-level invoke_agent spans, else one per trace that
// carries gen_ai.* telemetry; the session is `session.id` / `gen_ai.conversation.id`, else the trace.
import type { ClientAdapter } from "./adapter";
import { str } from "./common";
import { describeGenAiTurn, sliceByAgentSpans, sliceByTraces } from "./genai";

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
};
