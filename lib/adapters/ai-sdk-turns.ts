// Turns of an AI SDK agent, cut by user message rather than by trace (a long-lived server keeps one trace for
// many prompts): a main call whose conversation gained a user message starts a turn; helper calls (session
// titles, summaries) join the turn they worked for; tool calls the turn of the call that asked for them.
import type { TelemetryRecord } from "@/db/telemetry";
import { sliceRecords, type TurnAnchor, type TurnContent, type TurnSlice } from "./adapter";
import {
  aiSdkCalls,
  callFailed,
  callModel,
  callText,
  isAiToolSpan,
  lastUserMessage,
  toAiApiCall,
  toAiToolCall,
  userMessageCount,
  type AiSdkCall,
} from "./ai-sdk";
import { compareNs, mostCommon, sum } from "./common";

/** Which helper made a call (null: the main agent), given the records it can look at. */
export type AiHelperOf = (call: AiSdkCall, records: readonly TelemetryRecord[]) => string | null;

/** Default for apps that name their calls: a `functionId` about titles, summaries or compaction. */
export const helperByFunctionId: AiHelperOf = (call) => {
  const id = call.outer?.attrs["ai.telemetry.functionId"] ?? call.span.attrs["ai.telemetry.functionId"];
  return typeof id === "string" && /title|summar|compact/i.test(id) ? id : null;
};

interface OpenTurn extends TurnAnchor {
  users: number;
  lastUser: string | null;
  traceId: string | null;
}

/** Main calls → turn anchors; a call's turn key by span id. */
function cutTurns(main: AiSdkCall[]): { anchors: OpenTurn[]; turnOfCall: Map<AiSdkCall, string> } {
  const anchors: OpenTurn[] = [];
  const turnOfCall = new Map<AiSdkCall, string>();
  const used = new Map<string, number>();
  let open: OpenTurn | null = null;
  for (const call of main) {
    const known = call.messages !== null;
    const users = userMessageCount(call);
    const lastUser = lastUserMessage(call);
    const startsTurn =
      open === null ||
      (known ? users > open.users || lastUser !== open.lastUser : call.span.traceId !== open.traceId);
    if (startsTurn) {
      // Stable keys (turn ids, and so labels, survive late spans): the user message's ordinal when the
      // conversation is known, else the first call's span id.
      const base = known ? `user-${users}` : `call-${call.span.spanId}`;
      const seen = used.get(base) ?? 0;
      used.set(base, seen + 1);
      open = {
        key: seen === 0 ? base : `${base}#${seen}`,
        promptNs: call.span.timeNs,
        users,
        lastUser,
        traceId: call.span.traceId,
      };
      anchors.push(open);
    }
    turnOfCall.set(call, open!.key);
  }
  return { anchors, turnOfCall };
}

/** The turn a helper call worked for: the last turn about the same user message, else the last one before it. */
function helperTurn(call: AiSdkCall, anchors: OpenTurn[]): string | null {
  const text = lastUserMessage(call);
  const same = anchors.filter((anchor) => text !== null && anchor.lastUser === text).pop();
  if (same) return same.key;
  const before = anchors.filter((anchor) => compareNs(anchor.promptNs, call.span.timeNs) <= 0).pop();
  return (before ?? anchors[0])?.key ?? null;
}

export function sliceByUserMessage(
  records: readonly TelemetryRecord[],
  helperOf: AiHelperOf,
  belongs: (call: AiSdkCall) => boolean = () => true,
): TurnSlice[] {
  const calls = aiSdkCalls(records).filter(belongs);
  const helpers = new Map(calls.map((call) => [call, helperOf(call, records)]));
  const { anchors, turnOfCall } = cutTurns(calls.filter((call) => helpers.get(call) === null));
  const turnOfSpan = new Map<string, string>();
  for (const call of calls) {
    const key = turnOfCall.get(call) ?? helperTurn(call, anchors);
    if (key === null) continue;
    for (const span of [call.span, call.outer]) {
      if (!span?.spanId) continue;
      turnOfSpan.set(span.spanId, key);
      // The app's own span around the call (opencode's LLM.run) holds the log that says which agent ran.
      if (span === call.outer && span.parentSpanId) turnOfSpan.set(`parent:${span.parentSpanId}`, key);
    }
  }
  const timeTurn = (timeNs: string): string | null =>
    (anchors.filter((a) => compareNs(a.promptNs, timeNs) <= 0).pop() ?? anchors[0])?.key ?? null;
  return sliceRecords(anchors, records, (record) => {
    if (record.signal === "traces" && record.spanId && turnOfSpan.has(record.spanId))
      return turnOfSpan.get(record.spanId)!;
    if (isAiToolSpan(record)) return turnOfSpan.get(record.parentSpanId ?? "") ?? timeTurn(record.timeNs);
    if (record.signal === "logs" && record.spanId) return turnOfSpan.get(`parent:${record.spanId}`) ?? null;
    return null;
  });
}

export function describeAiSdkTurn(slice: TurnSlice, helperOf: AiHelperOf): TurnContent {
  const calls = aiSdkCalls(slice.records);
  const helper = new Map(calls.map((call) => [call, helperOf(call, slice.records)]));
  const main = calls.filter((call) => helper.get(call) === null);
  const spanHelper = new Map<string, string | null>();
  for (const call of calls)
    for (const span of [call.span, call.outer])
      if (span?.spanId) spanHelper.set(span.spanId, helper.get(call)!);
  const prompt = main.map(lastUserMessage).find((text) => text !== null) ?? null;
  const answers = main.map(callText).filter((text): text is string => text !== null && text !== "");
  const apiCalls = calls.map((call) => toAiApiCall(call, helper.get(call)!));
  return {
    prompt,
    prompt_redacted: prompt === null,
    response: answers.pop() ?? null,
    model: mostCommon(main.map(callModel)) ?? mostCommon(calls.map(callModel)),
    tool_calls: slice.records
      .filter(isAiToolSpan)
      .map((span) => toAiToolCall(span, spanHelper.get(span.parentSpanId ?? "") ?? null)),
    api_calls: apiCalls,
    api_errors: calls.filter(callFailed).length,
    input_tokens: sum(apiCalls.map((call) => call.input_tokens)),
    output_tokens: sum(apiCalls.map((call) => call.output_tokens)),
    cached_input_tokens: sum(apiCalls.map((call) => call.cached_input_tokens)),
    reasoning_tokens: sum(apiCalls.map((call) => call.reasoning_tokens)),
    cost_usd: null,
  };
}
