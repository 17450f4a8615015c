// Anthropic Claude Code: one turn per `prompt.id` (fixtures README "Claude Code"), from its log events; the
// claude_code.* spans of the same trace add api_errors (retry attempts), tool span ids and timing.
import { nsToMs, type TelemetryRecord } from "@/db/telemetry";
import type { NativeEventReader } from "@/lib/sessions/signals";
import type { ApiCall, AssistantMessage, ToolCall, ToolView } from "@/lib/sessions/types";
import {
  apiCall,
  joinToolEvents,
  sliceByRecordKey,
  toolCall,
  type ClientAdapter,
  type Slicing,
  type TurnContent,
  type TurnSlice,
} from "./adapter";
import {
  bool,
  compareNs,
  eventName,
  num,
  ratingFeedback,
  spanDurationMs,
  str,
  sum,
  sumOrNull,
  toDecision,
} from "./common";
import { hostFor, otelEnv, type ConnectGuide, type Endpoints, type Snippet } from "./connect";
import { eventsOf, type SessionRecords } from "./records";
import { claudeCodeTranscript } from "./claude-code-transcript";
import { argsOf, multiEdit, replaceEdit, shellCall, writeEdit } from "./tool-views";

const REDACTED = "<REDACTED>";

/** Event names, tolerating a `claude_code.` prefix. */
const normalize = (name: string): string => (name.startsWith("claude_code.") ? name.slice(12) : name);
const promptIdOf = (record: TelemetryRecord): string | null => str(record.attrs, "prompt.id");

/** README "Slash commands": `/exit` is logged as a user_prompt with command_name/command_source. */
export const isSlashCommand = (prompt: TelemetryRecord): boolean =>
  str(prompt.attrs, "command_name") !== null || str(prompt.attrs, "command_source") !== null;

function sliceTurns(records: SessionRecords): Slicing {
  const prompts = [
    ...(records.logsByEvent.get("user_prompt") ?? []),
    ...(records.logsByEvent.get("claude_code.user_prompt") ?? []),
  ].filter((prompt) => promptIdOf(prompt) !== null && !isSlashCommand(prompt));
  const anchors = prompts.map((prompt) => ({ key: promptIdOf(prompt)!, promptNs: prompt.timeNs }));
  // Spans carry no prompt.id: they follow the trace of the turn's events.
  return { turns: sliceByRecordKey(anchors, records.all, promptIdOf) };
}

function describeTurn(slice: TurnSlice): TurnContent {
  const events = new Map([...eventsOf(slice.records)].map(([name, list]) => [normalize(name), list]));
  const prompt = (events.get("user_prompt") ?? [])[0];
  const text = prompt ? str(prompt.attrs, "prompt") : null;
  const requests = events.get("api_request") ?? [];
  const errors = events.get("api_error") ?? [];
  const responses = events.get("assistant_response") ?? [];
  const lastResponse = responses[responses.length - 1];
  const responseText = lastResponse ? str(lastResponse.attrs, "response") : null;
  const modelSource = lastResponse ?? requests[requests.length - 1] ?? errors[errors.length - 1];
  return {
    prompt: text === REDACTED ? null : text,
    prompt_redacted: text === null || text === REDACTED,
    // README "response": the last assistant_response of the prompt; the first is often a preamble.
    response: responseText === REDACTED ? null : responseText,
    messages: toMessages(responses, requests),
    intermediate_messages: true,
    model: modelSource ? str(modelSource.attrs, "model") : null,
    tool_calls: toToolCalls(events, slice.records),
    api_calls: toApiCalls(requests, errors),
    api_errors: countFailedAttempts(slice.records, errors),
    // README "Tokens": Anthropic input_tokens exclude cache reads/creations, which are not added.
    input_tokens: sum(requests.map((r) => num(r.attrs, "input_tokens"))),
    output_tokens: sum(requests.map((r) => num(r.attrs, "output_tokens"))),
    cached_input_tokens: sum(requests.map((r) => num(r.attrs, "cache_read_tokens"))),
    reasoning_tokens: 0,
    cost_usd: sumOrNull(requests.map((r) => num(r.attrs, "cost_usd"))),
  };
}

/**
 * Every assistant_response of the prompt, in order (one per API call that produced text). A message is
 * placed when its API call began streaming (api_request with the same request_id: end − duration + ttft),
 * so it sorts before the tool calls that call asked for; else at its own time.
 */
function toMessages(responses: TelemetryRecord[], requests: TelemetryRecord[]): AssistantMessage[] {
  const byRequest = new Map(requests.map((r) => [str(r.attrs, "request_id"), r]));
  return responses.flatMap((record) => {
    const text = str(record.attrs, "response");
    if (text === null || text === REDACTED) return [];
    const request = byRequest.get(str(record.attrs, "request_id"));
    const end = request ? nsToMs(request.timeNs) : null;
    const duration = request ? num(request.attrs, "duration_ms") : null;
    const at =
      end !== null && duration !== null
        ? end - duration + (num(request!.attrs, "ttft_ms") ?? 0)
        : nsToMs(record.timeNs);
    return [{ text, at }];
  });
}

/** Claude Code's file tools and Bash (their documented input shapes); the rest stay plain tool calls. */
function readTool(call: ToolCall): ToolView | null {
  const args = argsOf(call);
  if (!args) return null;
  switch (call.name) {
    case "Edit":
      return replaceEdit(args, ["file_path"], ["old_string"], ["new_string"]);
    case "MultiEdit":
      return multiEdit(args);
    case "Write":
      return writeEdit(args, ["file_path"], ["content"]);
    case "Bash":
      return shellCall(call, ["command"]);
    default:
      return null;
  }
}

/**
 * README "api_errors" (Claude): with traces, per llm_request span the gen_ai.request.attempt events minus the
 * successful one; without traces, the `attempt` of each api_error event (a retried call logs one api_error).
 */
export function countFailedAttempts(
  records: readonly TelemetryRecord[],
  apiErrors: readonly TelemetryRecord[],
): number {
  const llmSpans = records.filter((r) => r.signal === "traces" && r.name === "claude_code.llm_request");
  if (llmSpans.length === 0) return sum(apiErrors.map((e) => num(e.attrs, "attempt") ?? 1));
  return sum(
    llmSpans.map((span) => {
      const attempts = span.events.filter((e) => e.name === "gen_ai.request.attempt").length;
      const succeeded = span.statusCode !== 2 && bool(span.attrs, "success") !== false;
      const tried = attempts > 0 ? attempts : (num(span.attrs, "attempt") ?? 1);
      return Math.max(0, tried - (succeeded ? 1 : 0));
    }),
  );
}

function toApiCalls(requests: TelemetryRecord[], errors: TelemetryRecord[]): ApiCall[] {
  const failures = new Set(errors);
  const calls = [...requests, ...errors].sort((a, b) => compareNs(a.timeNs, b.timeNs));
  return calls.map((record) => {
    const attrs = record.attrs;
    const failed = failures.has(record);
    const duration = num(attrs, "duration_ms");
    const at = nsToMs(record.timeNs);
    return apiCall({
      model: str(attrs, "model"),
      started_at: at !== null && duration !== null ? at - duration : at,
      duration_ms: duration,
      input_tokens: num(attrs, "input_tokens") ?? 0,
      output_tokens: num(attrs, "output_tokens") ?? 0,
      cached_input_tokens: num(attrs, "cache_read_tokens") ?? 0,
      cost_usd: num(attrs, "cost_usd"),
      status_code: num(attrs, "status_code"),
      error: failed ? (str(attrs, "error") ?? "API error") : null,
      success: !failed,
    });
  });
}

/** README "tool_calls": tool_decision and tool_result joined by tool_use_id, ordered by the first of the two;
 * a rejected call without a result is listed with success false; Claude never reports an exit code. */
function toToolCalls(
  events: Map<string, TelemetryRecord[]>,
  records: readonly TelemetryRecord[],
): ToolCall[] {
  const toolSpans = new Map<string, TelemetryRecord>();
  for (const record of records) {
    const id = str(record.attrs, "tool_use_id");
    if (record.signal === "traces" && record.name === "claude_code.tool" && id !== null)
      toolSpans.set(id, record);
  }
  const useId = (record: TelemetryRecord): string | null => str(record.attrs, "tool_use_id");
  return joinToolEvents(events.get("tool_decision") ?? [], events.get("tool_result") ?? [], useId).map(
    ({ decision, result }) => {
      const attrs = (result ?? decision)!.attrs;
      const verdict = decision ? toDecision(str(decision.attrs, "decision")) : null;
      const span = toolSpans.get(useId((result ?? decision)!) ?? "");
      return toolCall({
        name: str(attrs, "tool_name") ?? "unknown",
        call_id: str(attrs, "tool_use_id"),
        arguments:
          (result && (str(result.attrs, "tool_input") ?? str(result.attrs, "tool_parameters"))) ??
          (decision ? str(decision.attrs, "tool_parameters") : null),
        output: result ? str(result.attrs, "tool_output") : null,
        success: result ? bool(result.attrs, "success") : verdict === "reject" ? false : null,
        duration_ms:
          (result ? num(result.attrs, "duration_ms") : null) ?? (span ? spanDurationMs(span) : null),
        decision: verdict,
        started_at: nsToMs((span ?? decision ?? result)!.timeNs),
        span_id: span?.spanId ?? null,
      });
    },
  );
}

function connect(e: Endpoints): ConnectGuide {
  const base = [
    "export CLAUDE_CODE_ENABLE_TELEMETRY=1",
    "export OTEL_LOGS_EXPORTER=otlp OTEL_METRICS_EXPORTER=otlp OTEL_TRACES_EXPORTER=otlp",
    "export CLAUDE_CODE_ENHANCED_TELEMETRY_BETA=1",
    "export OTEL_LOG_USER_PROMPTS=1 OTEL_LOG_TOOL_DETAILS=1",
    "export OTEL_LOGS_EXPORT_INTERVAL=2000 OTEL_TRACES_EXPORT_INTERVAL=2000",
  ];
  const http = `http://${hostFor(e.host)}:${e.httpPort}`;
  const snippets: Snippet[] = [];
  if (e.httpPort) {
    snippets.push({
      protocol: "HTTP protobuf",
      target: "shell, before `claude`",
      format: "env",
      text: otelEnv(base, "http/protobuf", http, e.token),
    });
    snippets.push({
      protocol: "HTTP JSON",
      target: "shell, before `claude`",
      format: "env",
      text: otelEnv(base, "http/json", http, e.token),
    });
  }
  if (e.grpcPort) {
    snippets.push({
      protocol: "gRPC",
      target: "shell, before `claude`",
      format: "env",
      text: otelEnv(base, "grpc", `http://${hostFor(e.host)}:${e.grpcPort}`, e.token),
    });
  }
  return {
    snippets,
    options: [
      { name: "OTEL_LOG_USER_PROMPTS=1", effect: "logs the prompt text (otherwise <REDACTED>)" },
      { name: "OTEL_LOG_TOOL_DETAILS=1", effect: "logs tool arguments (commands, file paths)" },
      {
        name: "CLAUDE_CODE_ENHANCED_TELEMETRY_BETA=1 + OTEL_TRACES_EXPORTER=otlp",
        effect: "traces (beta): the timeline and exact API retry counts",
      },
      {
        name: "OTEL_LOGS_EXPORT_INTERVAL=2000",
        effect: "turns appear within seconds instead of after the default batch delay",
      },
    ],
  };
}
/** The Anthropic SDK's message for a request the user cancelled (Esc), and tool errors after an interrupt. */
const ABORTED = /request was aborted|interrupted by user|user aborted/i;

/**
 * Signals (lib/sessions/signals.ts): an interrupt is a `tool_decision` with source `user_abort`, or an
 * `api_error` / `tool_result` / failed span whose error says the request was aborted; feedback is the session quality
 * survey (`feedback_survey`, event_type `responded`, `response` 1 bad … 3 good, 0 dismissed; Claude Code docs
 * "Feedback survey event", sent with CLAUDE_CODE_ENABLE_FEEDBACK_SURVEY_FOR_OTEL).
 */
const nativeEvents: NativeEventReader = {
  interruptOf: (record) => {
    const name = normalize(eventName(record));
    if (name === "tool_decision" && str(record.attrs, "source") === "user_abort")
      return "tool_decision:user_abort";
    if ((name === "api_error" || name === "tool_result") && ABORTED.test(str(record.attrs, "error") ?? ""))
      return `${name}:aborted`;
    // with traces: an llm_request or tool span that ended because the user cancelled it
    if (record.signal === "traces" && record.statusCode === 2 && ABORTED.test(record.statusMessage ?? ""))
      return `${record.name}:aborted`;
    return null;
  },
  feedbackOf: (record) => {
    if (normalize(eventName(record)) !== "feedback_survey" || str(record.attrs, "event_type") !== "responded")
      return null;
    return ratingFeedback("claude_code.feedback_survey", record.attrs.response, promptIdOf(record));
  },
};

export const claudeCode: ClientAdapter = {
  nativeEvents,
  transcript: claudeCodeTranscript,
  id: "claude-code",
  name: "Claude Code",
  tone: "bg-orange-100 text-orange-800 dark:bg-orange-950 dark:text-orange-300",
  matchesService: (name) => name === "claude-code",
  sessionKeys: ["session.id"],
  connect,
  clientVersion: (resource) => str(resource, "service.version"),
  sliceTurns,
  turnKeyOf: promptIdOf,
  describeTurn,
  readTool,
};
