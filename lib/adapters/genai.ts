// OpenTelemetry GenAI semantic conventions, shared by Copilot CLI and generic sources: message parsing,
// invoke_agent / chat / execute_tool spans, and one turn per top-level invoke_agent span.
import { nsToMs, type TelemetryRecord } from "@/db/telemetry";
import type { ApiCall, ToolCall } from "@/lib/sessions/types";
import {
  apiCall,
  sliceRecords,
  toolCall,
  type TurnAnchor,
  type TurnContent,
  type TurnSlice,
} from "./adapter";
import { jsonAttr, mostCommon, num, spanDurationMs, str, sum } from "./common";
import { isDetailsEvent, tokens } from "./genai-events";
import type { SessionRecords } from "./records";

export interface GenAiMessage {
  role: string;
  text: string | null;
}

const CHAT_OPERATIONS = new Set(["chat", "text_completion", "generate_content"]);

/** The GenAI operation of a span: `gen_ai.operation.name`, else the first word of its name. */
export function operationOf(span: TelemetryRecord): string {
  return str(span.attrs, "gen_ai.operation.name") ?? span.name.split(" ")[0] ?? "";
}

export const isAgentSpan = (r: TelemetryRecord): boolean =>
  r.signal === "traces" && operationOf(r) === "invoke_agent";
export const isChatSpan = (r: TelemetryRecord): boolean =>
  r.signal === "traces" && CHAT_OPERATIONS.has(operationOf(r));
export const isToolSpan = (r: TelemetryRecord): boolean =>
  r.signal === "traces" && operationOf(r) === "execute_tool";
const failed = (span: TelemetryRecord): boolean =>
  span.statusCode === 2 || str(span.attrs, "error.type") !== null;

/** `gen_ai.input.messages` / `gen_ai.output.messages` (JSON string or structured): role + joined text parts. */
export function parseMessages(value: unknown): GenAiMessage[] {
  if (!Array.isArray(value)) return [];
  return value.map((raw: unknown) => {
    const message = (raw ?? {}) as { role?: unknown; parts?: unknown; content?: unknown };
    const parts = Array.isArray(message.parts)
      ? (message.parts as { type?: unknown; content?: unknown }[])
      : [];
    const texts = parts.filter((p) => (p?.type ?? "text") === "text" && typeof p?.content === "string");
    const text = texts.length > 0 ? texts.map((p) => p.content as string).join("") : null;
    return {
      role: typeof message.role === "string" ? message.role : "",
      text: text ?? (typeof message.content === "string" ? message.content : null),
    };
  });
}

export function lastUserText(messages: GenAiMessage[]): string | null {
  return messages.filter((m) => m.role === "user" && m.text !== null).pop()?.text ?? null;
}

/** The model's final text: the last output message with text that is not the user's or a tool's. */
export function assistantText(messages: GenAiMessage[]): string | null {
  return messages.filter((m) => m.role !== "user" && m.role !== "tool" && m.text).pop()?.text ?? null;
}

/** Top-level invoke_agent spans (sub-agents are part of their parent's turn), one turn each. */
export function sliceByAgentSpans(records: SessionRecords): TurnSlice[] {
  const topAgentOf = topAgentFinder(records.spans);
  const agents = records.spans.filter((span) => isAgentSpan(span) && topAgentOf(span) === span);
  const firstAgentOfTrace = new Map<string, string>();
  for (const agent of agents)
    if (!firstAgentOfTrace.has(agent.traceId!)) firstAgentOfTrace.set(agent.traceId!, agent.spanId!);
  const anchors: TurnAnchor[] = agents.map((agent) => ({ key: agent.spanId!, promptNs: agent.timeNs }));
  return sliceRecords(anchors, records.all, (record) => {
    if (!record.traceId || !firstAgentOfTrace.has(record.traceId)) return null;
    // A record outside every agent span of its trace (e.g. a sibling root) goes to the trace's first turn.
    return topAgentOf(record)?.spanId ?? firstAgentOfTrace.get(record.traceId)!;
  });
}

/** The outermost invoke_agent span enclosing a record (a log: the span it was logged in), memoized. */
function topAgentFinder(
  spans: readonly TelemetryRecord[],
): (record: TelemetryRecord) => TelemetryRecord | null {
  const byId = new Map(spans.map((span) => [`${span.traceId}/${span.spanId}`, span]));
  const memo = new Map<TelemetryRecord, TelemetryRecord | null>();
  const topOfSpan = (start: TelemetryRecord): TelemetryRecord | null => {
    const chain: TelemetryRecord[] = [];
    let top: TelemetryRecord | null = null;
    for (
      let span: TelemetryRecord | undefined = start;
      span;
      span = byId.get(`${span.traceId}/${span.parentSpanId}`)
    ) {
      const known = memo.get(span);
      if (known !== undefined) {
        top = known;
        break;
      }
      if (chain.includes(span)) break; // a parent cycle in broken data
      chain.push(span);
    }
    for (const span of chain.reverse()) {
      if (top === null && isAgentSpan(span)) top = span;
      memo.set(span, top);
    }
    return top;
  };
  return (record) => {
    if (record.signal === "traces") return topOfSpan(record);
    const span = byId.get(`${record.traceId}/${record.spanId}`);
    return span ? topOfSpan(span) : null;
  };
}

/** One turn per trace that has GenAI telemetry, for sources without invoke_agent spans. */
export function sliceByTraces(records: SessionRecords): TurnSlice[] {
  const anchors: TurnAnchor[] = [];
  for (const [traceId, traceRecords] of records.byTrace) {
    if (traceRecords.some((r) => Object.keys(r.attrs).some((key) => key.startsWith("gen_ai.")))) {
      anchors.push({ key: traceId, promptNs: traceRecords[0]!.timeNs });
    }
  }
  return sliceRecords(anchors, records.all, (record) => record.traceId);
}

/** A turn from GenAI spans: prompt/response from the agent span's messages, else from its chat spans, else
 * from the `gen_ai.client.inference.operation.details` events (sources that log content instead). */
export function describeGenAiTurn(
  slice: TurnSlice,
  cleanPrompt: (text: string) => string = (t) => t,
): TurnContent {
  const spans = slice.records.filter((r) => r.signal === "traces");
  const agent =
    spans.find((span) => span.spanId === slice.key && isAgentSpan(span)) ?? spans.find(isAgentSpan);
  const chats = spans.filter(isChatSpan);
  const details = slice.records.filter(isDetailsEvent);
  const messagesOf = (record: TelemetryRecord | undefined, key: string): GenAiMessage[] =>
    parseMessages(jsonAttr(record?.attrs ?? {}, key));
  const prompt =
    lastUserText(messagesOf(agent ?? chats[0], "gen_ai.input.messages")) ??
    lastUserText(messagesOf(details[0], "gen_ai.input.messages"));
  // Chat spans carry usage; without any, the details events', else the agent span's totals.
  const calls = chats.length > 0 ? chats : details;
  const usage = calls.length > 0 ? calls : agent ? [agent] : [];
  return {
    prompt: prompt === null ? null : cleanPrompt(prompt),
    prompt_redacted: prompt === null,
    response:
      assistantText(messagesOf(agent, "gen_ai.output.messages")) ??
      assistantText(messagesOf(chats[chats.length - 1], "gen_ai.output.messages")) ??
      assistantText(messagesOf(details[details.length - 1], "gen_ai.output.messages")),
    model: mostCommon(calls.map(modelOf)) ?? (agent ? modelOf(agent) : null),
    tool_calls: spans.filter(isToolSpan).map(toToolCall),
    api_calls: calls.map(toApiCall),
    api_errors: calls.filter(failed).length,
    input_tokens: sum(usage.map((s) => tokens(s.attrs, "input"))),
    output_tokens: sum(usage.map((s) => tokens(s.attrs, "output"))),
    cached_input_tokens: sum(usage.map((s) => tokens(s.attrs, "cached"))),
    reasoning_tokens: sum(usage.map((s) => tokens(s.attrs, "reasoning"))),
    cost_usd: null,
  };
}

const modelOf = (span: TelemetryRecord): string | null =>
  str(span.attrs, "gen_ai.response.model") ?? str(span.attrs, "gen_ai.request.model");

function toApiCall(span: TelemetryRecord): ApiCall {
  const attrs = span.attrs;
  const isFailure = failed(span);
  return apiCall({
    model: modelOf(span),
    started_at: nsToMs(span.timeNs),
    duration_ms: spanDurationMs(span),
    input_tokens: tokens(attrs, "input") ?? 0,
    output_tokens: tokens(attrs, "output") ?? 0,
    cached_input_tokens: tokens(attrs, "cached") ?? 0,
    reasoning_tokens: tokens(attrs, "reasoning") ?? 0,
    status_code: num(attrs, "http.response.status_code"),
    error: isFailure ? (span.statusMessage ?? str(attrs, "error.type") ?? "error") : null,
    success: !isFailure,
  });
}

/** An execute_tool span; success = status not ERROR (README "Copilot"), exit code only when stated. */
function toToolCall(span: TelemetryRecord): ToolCall {
  const attrs = span.attrs;
  const args = attrs["gen_ai.tool.call.arguments"];
  const result = attrs["gen_ai.tool.call.result"];
  return toolCall({
    name:
      str(attrs, "gen_ai.tool.name") ?? span.name.replace(/^execute_tool\s*/, "").split(" ")[0] ?? "unknown",
    call_id: str(attrs, "gen_ai.tool.call.id"),
    arguments:
      typeof args === "string" ? args : args === undefined || args === null ? null : JSON.stringify(args),
    output:
      typeof result === "string"
        ? result
        : result === undefined || result === null
          ? null
          : JSON.stringify(result),
    success: span.statusCode !== 2,
    exit_code: num(attrs, "process.exit.code"),
    duration_ms: spanDurationMs(span),
    started_at: nsToMs(span.timeNs),
    span_id: span.spanId,
  });
}
