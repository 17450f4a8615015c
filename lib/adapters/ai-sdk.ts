// The Vercel AI SDK's telemetry shape (`experimental_telemetry`), shared by opencode and any agent built on
// the SDK: model calls from `ai.streamText` / `ai.generateText` (and their `.doStream` / `.doGenerate` steps),
// tool calls from `ai.toolCall`, and turns cut by user message. What a helper call is stays the client's.
import { nsToMs, type TelemetryRecord } from "@/db/telemetry";
import type { ApiCall, ToolCall } from "@/lib/sessions/types";
import { apiCall, toolCall } from "./adapter";
import { compareNs, jsonAttr, num, spanDurationMs, str } from "./common";

export interface AiMessage {
  role: string;
  text: string | null;
}

/** One model call: a `.doStream` / `.doGenerate` step span, or the outer call span when no step span is known. */
export interface AiSdkCall {
  span: TelemetryRecord;
  /** The `ai.streamText` / `ai.generateText` span the step belongs to (itself for an outer-only call). */
  outer: TelemetryRecord | null;
  messages: AiMessage[] | null;
  sessionId: string | null;
}

const OUTER = new Set(["ai.streamText", "ai.generateText", "ai.streamObject", "ai.generateObject"]);
const STEP = new Set([...OUTER].flatMap((name) => [`${name}.doStream`, `${name}.doGenerate`]));

const operationOf = (span: TelemetryRecord): string => str(span.attrs, "ai.operationId") ?? span.name;
export const isAiSdkSpan = (record: TelemetryRecord): boolean =>
  record.signal === "traces" && (OUTER.has(operationOf(record)) || STEP.has(operationOf(record)));
export const isAiToolSpan = (record: TelemetryRecord): boolean =>
  record.signal === "traces" && operationOf(record) === "ai.toolCall";

/** `session.id`, else the `sessionId` telemetry metadata many AI SDK apps set. */
export const aiSessionId = (record: TelemetryRecord): string | null =>
  str(record.attrs, "session.id") ?? str(record.attrs, "ai.telemetry.metadata.sessionId");

/** AI SDK messages: `content` is a string or a list of parts; text parts are joined. */
export function parseAiMessages(value: unknown): AiMessage[] | null {
  const list = Array.isArray(value)
    ? value
    : value && typeof value === "object" && Array.isArray((value as { messages?: unknown }).messages)
      ? (value as { messages: unknown[] }).messages
      : null;
  if (list === null) return null;
  return list.map((raw: unknown) => {
    const message = (raw ?? {}) as { role?: unknown; content?: unknown };
    const content = message.content;
    const parts = Array.isArray(content) ? (content as { type?: unknown; text?: unknown }[]) : [];
    const texts = parts
      .filter((p) => p?.type === "text" && typeof p.text === "string")
      .map((p) => p.text as string);
    const text = typeof content === "string" ? content : texts.length > 0 ? texts.join("") : null;
    return { role: typeof message.role === "string" ? message.role : "", text };
  });
}

/** The input messages of a call: the step's `ai.prompt.messages`, else the outer span's `ai.prompt`. */
function messagesOf(span: TelemetryRecord, outer: TelemetryRecord | null): AiMessage[] | null {
  return (
    parseAiMessages(jsonAttr(span.attrs, "ai.prompt.messages")) ??
    parseAiMessages(jsonAttr(span.attrs, "ai.prompt")) ??
    (outer ? parseAiMessages(jsonAttr(outer.attrs, "ai.prompt")) : null)
  );
}

/** Every model call of a set of records, in time order. */
export function aiSdkCalls(records: readonly TelemetryRecord[]): AiSdkCall[] {
  const spans = records.filter(isAiSdkSpan);
  const outers = new Map(spans.filter((s) => OUTER.has(operationOf(s))).map((s) => [s.spanId, s]));
  const stepped = new Set(spans.filter((s) => STEP.has(operationOf(s))).map((s) => s.parentSpanId));
  const calls: AiSdkCall[] = [];
  for (const span of spans) {
    const isStep = STEP.has(operationOf(span));
    if (!isStep && stepped.has(span.spanId)) continue; // its steps are the calls
    const outer = isStep ? (outers.get(span.parentSpanId) ?? null) : span;
    calls.push({
      span,
      outer,
      messages: messagesOf(span, outer),
      sessionId: aiSessionId(span) ?? (outer ? aiSessionId(outer) : null),
    });
  }
  return calls.sort((a, b) => compareNs(a.span.timeNs, b.span.timeNs));
}

export const systemText = (call: AiSdkCall): string =>
  (call.messages ?? [])
    .filter((m) => m.role === "system")
    .map((m) => m.text ?? "")
    .join("\n") ||
  (str(call.outer?.attrs ?? {}, "ai.prompt") ?? "");

export const lastUserMessage = (call: AiSdkCall): string | null =>
  (call.messages ?? []).filter((m) => m.role === "user" && m.text !== null).pop()?.text ?? null;

export const userMessageCount = (call: AiSdkCall): number =>
  (call.messages ?? []).filter((m) => m.role === "user").length;

const attrOf = (call: AiSdkCall, key: string): string | null =>
  str(call.span.attrs, key) ?? (call.outer ? str(call.outer.attrs, key) : null);
const numOf = (call: AiSdkCall, ...keys: string[]): number | null => {
  for (const key of keys) {
    const value = num(call.span.attrs, key) ?? (call.outer ? num(call.outer.attrs, key) : null);
    if (value !== null) return value;
  }
  return null;
};

export const callModel = (call: AiSdkCall): string | null =>
  attrOf(call, "ai.response.model") ?? attrOf(call, "ai.model.id") ?? attrOf(call, "gen_ai.request.model");

export const callFailed = (call: AiSdkCall): boolean => call.span.statusCode === 2;

/** The answer text of a call (empty text, e.g. a tool-call step, is no answer). */
export const callText = (call: AiSdkCall): string | null => attrOf(call, "ai.response.text");

/** Token fields: AI SDK 5 names (`inputTokens`, `outputTokens`) first, then AI SDK 4 (`promptTokens`, …). */
export function toAiApiCall(call: AiSdkCall, helper: string | null): ApiCall {
  const failed = callFailed(call);
  const exception = call.span.events.find((event) => event.name === "exception");
  return apiCall({
    model: callModel(call),
    started_at: nsToMs(call.span.timeNs),
    duration_ms: spanDurationMs(call.span),
    input_tokens:
      numOf(call, "ai.usage.inputTokens", "ai.usage.promptTokens", "gen_ai.usage.input_tokens") ?? 0,
    output_tokens:
      numOf(call, "ai.usage.outputTokens", "ai.usage.completionTokens", "gen_ai.usage.output_tokens") ?? 0,
    cached_input_tokens:
      numOf(call, "ai.usage.cachedInputTokens", "ai.usage.inputTokenDetails.cacheReadTokens") ?? 0,
    reasoning_tokens:
      numOf(call, "ai.usage.reasoningTokens", "ai.usage.outputTokenDetails.reasoningTokens") ?? 0,
    status_code:
      numOf(call, "http.response.status_code", "ai.response.statusCode") ??
      statusInText(call.span.statusMessage),
    error: failed
      ? (call.span.statusMessage ?? (exception ? str(exception.attrs, "exception.message") : null) ?? "error")
      : null,
    success: !failed,
    helper,
  });
}

/** APICallError messages name the HTTP status ("… status 500", "Status code: 429"); the span has no field. */
function statusInText(text: string | null): number | null {
  const match = text ? /status(?: code)?:?\s*(\d{3})\b/i.exec(text) : null;
  return match ? Number(match[1]) : null;
}

/** An `ai.toolCall` span. opencode's result is `{output, metadata: {exit}}`; other apps return any JSON. */
export function toAiToolCall(span: TelemetryRecord, helper: string | null): ToolCall {
  const attrs = span.attrs;
  const result = jsonAttr(attrs, "ai.toolCall.result");
  const fields =
    result && typeof result === "object" && !Array.isArray(result)
      ? (result as Record<string, unknown>)
      : null;
  const metadata = fields?.metadata;
  const exit = metadata && typeof metadata === "object" ? (metadata as { exit?: unknown }).exit : undefined;
  const raw = attrs["ai.toolCall.result"];
  const output =
    typeof fields?.output === "string"
      ? fields.output
      : typeof raw === "string"
        ? raw
        : raw == null
          ? null
          : JSON.stringify(raw);
  const exception = span.events.find((event) => event.name === "exception");
  const failed = span.statusCode === 2;
  return toolCall({
    name: str(attrs, "ai.toolCall.name") ?? "unknown",
    call_id: str(attrs, "ai.toolCall.id"),
    arguments: str(attrs, "ai.toolCall.args") ?? str(attrs, "ai.toolCall.input"),
    output:
      output ??
      (failed
        ? (span.statusMessage ?? (exception ? str(exception.attrs, "exception.message") : null))
        : null),
    success: !failed,
    exit_code: typeof exit === "number" ? exit : null,
    duration_ms: spanDurationMs(span),
    started_at: nsToMs(span.timeNs),
    span_id: span.spanId,
    helper,
  });
}
