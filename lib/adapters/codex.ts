// OpenAI Codex CLI (codex_exec, codex_cli_rs): turns keyed by the codex.user_prompt trace id, built from
// codex.* log events (fixtures README "Codex"). Spans only contribute timing and record ids.
import { nsToMs, type Attrs, type TelemetryRecord } from "@/db/telemetry";
import type { NativeEventReader } from "@/lib/sessions/signals";
import type { ApiCall, ToolCall, ToolView } from "@/lib/sessions/types";
import {
  apiCall,
  joinToolEvents,
  sliceRecords,
  toolCall,
  type ClientAdapter,
  type Slicing,
  type TurnAnchor,
  type TurnContent,
  type TurnSlice,
} from "./adapter";
import { bool, compareNs, eventName, mostCommon, num, str, sum, toDecision } from "./common";
import { hostFor, type ConnectGuide, type Endpoints, type Snippet } from "./connect";
import { eventsOf, type SessionRecords } from "./records";
import { codexTranscript } from "./codex-transcript";
import { patchEdit, shellCall } from "./tool-views";

const REDACTED = "[REDACTED]";
/** README "Excluded": the Codex TUI makes one such conversation per typed prompt. */
export const CODEX_TITLE_PREFIX = "Generate a concise, single-line task title";

const PROMPT = "codex.user_prompt";
const SSE = "codex.sse_event";
const TTFT = "codex.turn_ttft";

const promptTime = (record: TelemetryRecord): string =>
  record.observedTimeNs && record.observedTimeNs !== "0" ? record.observedTimeNs : record.timeNs;

/** Turn key: the user_prompt's trace (its `turn/start` root span); a prompt without trace context keys by time. */
const turnKey = (prompt: TelemetryRecord): string => prompt.traceId ?? `prompt@${prompt.timeNs}`;

function sliceTurns(records: SessionRecords): Slicing {
  const prompts = records.logsByEvent.get(PROMPT) ?? [];
  if (prompts.length === 0) return { turns: [] };
  const texts = prompts.map((prompt) => str(prompt.attrs, "prompt"));
  if (texts.every((text) => text?.startsWith(CODEX_TITLE_PREFIX))) {
    return {
      excluded: `Codex TUI thread-title conversation (its only user prompt starts "${CODEX_TITLE_PREFIX}")`,
    };
  }
  const anchors: TurnAnchor[] = prompts.map((prompt) => ({
    key: turnKey(prompt),
    promptNs: promptTime(prompt),
  }));
  const traceKeys = new Set(prompts.filter((p) => p.traceId !== null).map((p) => p.traceId));
  const ownKey = new Map(prompts.filter((p) => p.traceId === null).map((p) => [p, turnKey(p)]));
  // sse_event records carry no trace context: README attributes them by observed time to the latest
  // user_prompt of the conversation at or before them (the grouping already separated conversations).
  const times = anchors.map((anchor) => anchor.promptNs).sort(compareNs);
  const keyAt = new Map(anchors.map((anchor) => [anchor.promptNs, anchor.key]));
  const assign = (record: TelemetryRecord): string | null => {
    if (record.traceId !== null) return traceKeys.has(record.traceId) ? record.traceId : null;
    const own = ownKey.get(record);
    if (own !== undefined) return own;
    if (record.signal !== "logs" || eventName(record) !== SSE) return null;
    const at = latestAtOrBefore(times, promptTime(record));
    return at === null ? null : (keyAt.get(at) ?? null);
  };
  return { turns: sliceRecords(anchors, records.all, assign) };
}

/** Binary search in sorted ns strings. */
function latestAtOrBefore(sorted: string[], ns: string): string | null {
  let low = 0;
  let high = sorted.length - 1;
  let found: string | null = null;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const value = sorted[mid]!;
    if (compareNs(value, ns) <= 0) {
      found = value;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

function describeTurn(slice: TurnSlice): TurnContent {
  const events = eventsOf(slice.records);
  const prompt = (events.get(PROMPT) ?? [])[0];
  const text = prompt ? str(prompt.attrs, "prompt") : null;
  const requests = events.get("codex.api_request") ?? [];
  // README "Tokens": only the response.completed record that carries the counts (Codex logs two).
  const usages = (events.get(SSE) ?? []).filter(
    (record) =>
      str(record.attrs, "event.kind") === "response.completed" &&
      num(record.attrs, "input_token_count") !== null,
  );
  const apiCalls = toApiCalls(requests, usages);
  return {
    prompt: text === REDACTED ? null : text,
    prompt_redacted: text === null || text === REDACTED,
    response: lastResponse(events.get("codex.agent_response") ?? []),
    model:
      mostCommon(requests.map((r) => str(r.attrs, "model"))) ?? (prompt ? str(prompt.attrs, "model") : null),
    tool_calls: toToolCalls(events),
    api_calls: apiCalls,
    api_errors: apiCalls.filter((call) => !call.success).length,
    input_tokens: sum(usages.map((u) => num(u.attrs, "input_token_count"))),
    output_tokens: sum(usages.map((u) => num(u.attrs, "output_token_count"))),
    cached_input_tokens: sum(usages.map((u) => num(u.attrs, "cached_token_count"))),
    reasoning_tokens: sum(usages.map((u) => num(u.attrs, "reasoning_token_count"))),
    cost_usd: null,
    ttft_ms: turnTtft(slice, events.get(TTFT) ?? []),
  };
}

/** Codex states a turn's time to first token: the `duration_ms` of the first `codex.turn_ttft` record on the
 * turn's trace (its key). docs/overview.md "TTFT". */
function turnTtft(slice: TurnSlice, records: TelemetryRecord[]): number | null {
  const record = records.find((candidate) => candidate.traceId === slice.key);
  return record ? num(record.attrs, "duration_ms") : null;
}

/** README "response": the last agent_response of the main agent (final answers only are logged). */
function lastResponse(responses: TelemetryRecord[]): string | null {
  const main = responses.filter((r) => (str(r.attrs, "agent.type") ?? "main") === "main");
  const text = main.length > 0 ? str(main[main.length - 1]!.attrs, "response") : null;
  return text === REDACTED ? null : text;
}

/** README "api_errors": an api_request with status >= 400 or an error.message is a failed attempt. Token
 * usage is matched to successful attempts in order (one response stream per successful request). */
function toApiCalls(requests: TelemetryRecord[], usages: TelemetryRecord[]): ApiCall[] {
  let next = 0;
  return requests.map((request) => {
    const attrs = request.attrs;
    const status = num(attrs, "http.response.status_code");
    const error = str(attrs, "error.message");
    const success = error === null && (status === null || status < 400);
    const usage = success ? usages[next++]?.attrs : undefined;
    const duration = num(attrs, "duration_ms");
    const at = nsToMs(request.timeNs);
    return apiCall({
      model: str(attrs, "model"),
      // The event is logged when the attempt ends.
      started_at: at !== null && duration !== null ? at - duration : at,
      duration_ms: duration,
      status_code: status,
      error: success ? null : (error ?? `HTTP ${status ?? "error"}`),
      success,
      ...(usage ? usageOf(usage) : {}),
    });
  });
}

function usageOf(attrs: Attrs): Partial<ApiCall> {
  return {
    input_tokens: num(attrs, "input_token_count") ?? 0,
    output_tokens: num(attrs, "output_token_count") ?? 0,
    cached_input_tokens: num(attrs, "cached_token_count") ?? 0,
    reasoning_tokens: num(attrs, "reasoning_token_count") ?? 0,
  };
}

/** README "tool_calls": tool_result joined by call_id to tool_decision; exit code from the output text. */
function toToolCalls(events: Map<string, TelemetryRecord[]>): ToolCall[] {
  const joined = joinToolEvents(
    events.get("codex.tool_decision") ?? [],
    events.get("codex.tool_result") ?? [],
    (r) => str(r.attrs, "call_id"),
  );
  return joined.map(({ decision, result }) => {
    const attrs = (result ?? decision)!.attrs;
    const verdict = decision ? toDecision(str(decision.attrs, "decision")) : null;
    const output = result ? str(result.attrs, "output") : null;
    return toolCall({
      name: str(attrs, "tool_name") ?? "unknown",
      call_id: str(attrs, "call_id"),
      arguments: result ? str(result.attrs, "arguments") : null,
      output,
      // README: a rejected call that never ran is listed with success false.
      success: result ? bool(result.attrs, "success") : verdict === "reject" ? false : null,
      exit_code: exitCodeOf(output),
      duration_ms: result ? num(result.attrs, "duration_ms") : null,
      decision: verdict,
      started_at: nsToMs((decision ?? result)!.timeNs),
      // The result is logged inside the tool's dispatch span.
      span_id: result?.spanId ?? null,
    });
  });
}

const EXIT_CODE = /Process exited with code (-?\d+)/;

export function exitCodeOf(output: string | null): number | null {
  const match = output ? EXIT_CODE.exec(output) : null;
  return match ? Number(match[1]) : null;
}

/** Codex's exec output: "Chunk ID… Process exited with code N … Output:\n<the command's output>". */
function readExecOutput(output: string): { exit_code: number | null; output: string } {
  const at = output.indexOf("\nOutput:\n");
  return {
    exit_code: exitCodeOf(output),
    output: at === -1 ? output : output.slice(at + "\nOutput:\n".length),
  };
}

/** apply_patch carries a patch; exec_command / shell a command (`cmd` text or `command` list). */
function readTool(call: ToolCall): ToolView | null {
  if (call.name === "apply_patch") return patchEdit(call);
  if (call.name === "exec_command" || call.name === "shell" || call.name === "local_shell")
    return shellCall(call, ["cmd", "command"], readExecOutput);
  return null;
}

function connect(e: Endpoints): ConnectGuide {
  const headers = e.token ? `, headers = { "authorization" = "Bearer ${e.token}" }` : "";
  const http = (signal: string, protocol: string): string =>
    `{ otlp-http = { endpoint = "http://${hostFor(e.host)}:${e.httpPort}/v1/${signal}", protocol = "${protocol}"${headers} } }`;
  const grpc = `{ otlp-grpc = { endpoint = "http://${hostFor(e.host)}:${e.grpcPort}"${headers} } }`;
  // [otel.tool_result] max_bytes: Codex cuts each logged tool output to 2,048 bytes by default.
  const block = (logs: string, traces: string, metrics: string): string =>
    [
      "[otel]",
      "log_user_prompt = true",
      "log_agent_responses = true",
      `exporter = ${logs}`,
      `trace_exporter = ${traces}`,
      `metrics_exporter = ${metrics}`,
      "",
      "[otel.tool_result]",
      "max_bytes = 1048576",
      "",
    ].join("\n");
  const snippets: Snippet[] = [];
  if (e.httpPort) {
    snippets.push({
      protocol: "HTTP protobuf",
      target: "~/.codex/config.toml",
      format: "toml",
      text: block(http("logs", "binary"), http("traces", "binary"), http("metrics", "binary")),
    });
    snippets.push({
      protocol: "HTTP JSON",
      target: "~/.codex/config.toml",
      format: "toml",
      text: block(http("logs", "json"), http("traces", "json"), http("metrics", "json")),
    });
  }
  if (e.grpcPort)
    snippets.push({
      protocol: "gRPC",
      target: "~/.codex/config.toml",
      format: "toml",
      text: block(grpc, grpc, grpc),
    });
  return {
    snippets,
    options: [
      { name: "log_user_prompt = true", effect: "logs the prompt text (otherwise it arrives as [REDACTED])" },
      {
        name: "log_agent_responses = true",
        effect: "logs the final answer of each turn (undocumented; without it `response` is empty)",
      },
      {
        name: "trace_exporter",
        effect: "one trace per turn: the timeline (waterfall) of model and tool calls",
      },
      {
        name: "metrics_exporter",
        effect: "must be set too: its default sends metrics to an off-machine service",
      },
      {
        name: "[otel.tool_result] max_bytes",
        effect: "logs tool outputs up to 1 MiB (the default, 2,048 bytes, truncates most command output)",
      },
    ],
  };
}
/** Signals (lib/sessions/signals.ts): the user answering an approval prompt with "abort" stops the turn. */
const nativeEvents: NativeEventReader = {
  interruptOf: (record) =>
    eventName(record) === "codex.tool_decision" && str(record.attrs, "decision")?.toLowerCase() === "abort"
      ? "codex.tool_decision:abort"
      : null,
};

export const codex: ClientAdapter = {
  nativeEvents,
  transcript: codexTranscript,
  id: "codex",
  name: "OpenAI Codex CLI",
  tone: "bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-300",
  matchesService: (name) => name.startsWith("codex"),
  sessionKeys: ["conversation.id"],
  connect,
  clientVersion: (resource) => str(resource, "service.version"),
  sliceTurns,
  describeTurn,
  readTool,
};
