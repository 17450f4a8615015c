// Any other OpenTelemetry source. Vercel AI SDK telemetry (`ai.*` spans) is read as that shape (turns by user
// message); otherwise the GenAI conventions: turns are top-level invoke_agent spans, else one per trace that
// carries gen_ai.* telemetry, else one per user message of the inference details events (logs only). The
// session is `session.id` / `gen_ai.conversation.id` / the AI SDK `sessionId` metadata, else the trace.
import type { TelemetryRecord } from "@/db/telemetry";
import { sliceRecords, type ClientAdapter, type TurnAnchor, type TurnSlice } from "./adapter";
import { isAiSdkSpan } from "./ai-sdk";
import { describeAiSdkTurn, helperByFunctionId, sliceByUserMessage } from "./ai-sdk-turns";
import { jsonAttr, str } from "./common";
import { describeGenAiTurn, lastUserText, parseMessages, sliceByAgentSpans, sliceByTraces } from "./genai";
import { isDetailsEvent } from "./genai-events";
import type { SessionRecords } from "./records";

/** Log-only sources: consecutive details events about the same last user message form one turn. */
function sliceByDetailsEvents(records: SessionRecords): TurnSlice[] {
  const anchors: TurnAnchor[] = [];
  const turnOf = new Map<TelemetryRecord, string>();
  let last: string | null = null;
  for (const event of records.all.filter((record) => isDetailsEvent(record) && !record.traceId)) {
    const user = lastUserText(parseMessages(jsonAttr(event.attrs, "gen_ai.input.messages")));
    if (anchors.length === 0 || user !== last)
      anchors.push({ key: `event-${anchors.length}`, promptNs: event.timeNs });
    last = user;
    turnOf.set(event, anchors[anchors.length - 1]!.key);
  }
  return sliceRecords(anchors, records.all, (record) => turnOf.get(record) ?? null);
}

export const generic: ClientAdapter = {
  id: "generic",
  name: "Other OpenTelemetry GenAI source",
  tone: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
  matchesService: () => true,
  // The Vercel AI SDK's `sessionId` telemetry metadata names the session of apps built on it.
  sessionKeys: ["session.id", "gen_ai.conversation.id", "ai.telemetry.metadata.sessionId"],
  traceIsSession: true,
  // GenAI semantic conventions' client metric (a histogram of tokens per call, by gen_ai.token.type).
  usageMetrics: [{ name: "gen_ai.client.token.usage", kind: "tokens", typeAttribute: "gen_ai.token.type" }],
  clientVersion: (resource) => str(resource, "service.version"),
  sliceTurns: (records) => {
    if (records.spans.some(isAiSdkSpan))
      return { turns: sliceByUserMessage(records.all, helperByFunctionId) };
    const agentTurns = sliceByAgentSpans(records);
    if (agentTurns.length > 0) return { turns: agentTurns };
    const traceTurns = sliceByTraces(records);
    return { turns: traceTurns.length > 0 ? traceTurns : sliceByDetailsEvents(records) };
  },
  describeTurn: (slice) =>
    slice.records.some(isAiSdkSpan) ? describeAiSdkTurn(slice, helperByFunctionId) : describeGenAiTurn(slice),
};
