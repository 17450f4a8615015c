// Google Gemini CLI: one turn per `prompt_id` (fixtures README "Gemini CLI"), from gemini_cli.* log events;
// the router classifier call counts for tokens but never as the turn's model or response.
import { nsToMs, type TelemetryRecord } from "@/db/telemetry";
import type { NativeEventReader } from "@/lib/sessions/signals";
import type { ApiCall, AssistantMessage, ToolCall, ToolView } from "@/lib/sessions/types";
import {
  apiCall,
  sliceByRecordKey,
  toolCall,
  type ClientAdapter,
  type Slicing,
  type TurnContent,
  type TurnSlice,
} from "./adapter";
import { bool, compareNs, eventName, jsonAttr, mostCommon, num, str, sum, toDecision } from "./common";
import { hostFor, type ConnectGuide, type Endpoints, type Snippet } from "./connect";
import { assistantText, parseMessages } from "./genai";
import { matchToolOutputs } from "./gemini-tools";
import { eventsOf, type SessionRecords } from "./records";
import { geminiCliTranscript } from "./gemini-cli-transcript";
import { argsOf, replaceEdit, shellCall, writeEdit } from "./tool-views";

/** Records name their prompt with `prompt_id` (logs) or `gen_ai.prompt.name` (llm_call spans). */
const promptIdOf = (record: TelemetryRecord): string | null =>
  str(record.attrs, "prompt_id") ?? str(record.attrs, "gen_ai.prompt.name");

/** README: `role: utility_router` is the router classifier; any utility_* role is a helper, not the main model. */
export const isMainCall = (record: TelemetryRecord): boolean =>
  !(str(record.attrs, "role") ?? "main").startsWith("utility");

function sliceTurns(records: SessionRecords): Slicing {
  // Slash commands (gemini_cli.slash_command) carry no prompt_id, so they never become turns (README).
  const anchors = (records.logsByEvent.get("gemini_cli.user_prompt") ?? [])
    .filter((prompt) => promptIdOf(prompt) !== null)
    .map((prompt) => ({ key: promptIdOf(prompt)!, promptNs: prompt.timeNs }));
  // Records without prompt_id (tool spans, conversation_finished) follow the trace of the turn's records.
  return { turns: sliceByRecordKey(anchors, records.all, promptIdOf) };
}

function describeTurn(slice: TurnSlice): TurnContent {
  const events = eventsOf(slice.records);
  const prompt = (events.get("gemini_cli.user_prompt") ?? [])[0];
  const text = prompt ? str(prompt.attrs, "prompt") : null;
  const responses = events.get("gemini_cli.api_response") ?? [];
  const errors = events.get("gemini_cli.api_error") ?? [];
  const main = responses.filter(isMainCall);
  const requests = [...(events.get("gemini_cli.api_request") ?? []), ...errors];
  const asked = requests.filter(isMainCall);
  const helperModels = new Set(
    [...requests, ...responses].filter((r) => !isMainCall(r)).map((r) => str(r.attrs, "model") ?? ""),
  );
  const messages = toMessages(main);
  // README "response": the last main api_response with text (= the last message), else the details event.
  const response =
    messages.at(-1)?.text ??
    detailsText(events.get("gen_ai.client.inference.operation.details") ?? [], helperModels);
  return {
    // README: with logPrompts:false the attribute is simply absent → null and redacted.
    prompt: text,
    prompt_redacted: text === null,
    response,
    // One main api_response per model call, each with its text: the messages between the tool calls.
    ...(messages.length > 0 ? { messages, intermediate_messages: true } : {}),
    model:
      mostCommon(main.map((r) => str(r.attrs, "model"))) ??
      mostCommon(asked.map((r) => str(r.attrs, "model"))),
    tool_calls: toToolCalls(events.get("gemini_cli.tool_call") ?? [], slice.records),
    api_calls: toApiCalls(responses, errors),
    api_errors: errors.length,
    // README "Tokens": every api_response, router included; output excludes thoughts.
    input_tokens: sum(responses.map((r) => num(r.attrs, "input_token_count"))),
    output_tokens: sum(responses.map((r) => num(r.attrs, "output_token_count"))),
    cached_input_tokens: sum(responses.map((r) => num(r.attrs, "cached_content_token_count"))),
    reasoning_tokens: sum(responses.map((r) => num(r.attrs, "thoughts_token_count"))),
    cost_usd: null,
  };
}

/** The text of every main api_response, placed when its call started (its time minus its duration). */
function toMessages(mainResponses: TelemetryRecord[]): AssistantMessage[] {
  return mainResponses.flatMap((record) => {
    const text = chunkText(jsonAttr(record.attrs, "response_text"));
    const at = nsToMs(record.timeNs);
    const duration = num(record.attrs, "duration_ms");
    return text ? [{ text, at: at !== null && duration !== null ? at - duration : at }] : [];
  });
}

/** Gemini CLI's file tools and shell (their documented parameters); the rest stay plain tool calls. */
function readTool(call: ToolCall): ToolView | null {
  const args = argsOf(call);
  if (!args) return null;
  if (call.name === "replace") return replaceEdit(args, ["file_path"], ["old_string"], ["new_string"]);
  if (call.name === "write_file") return writeEdit(args, ["file_path"], ["content"]);
  if (call.name === "run_shell_command") return shellCall(call, ["command"]);
  return null;
}

export function chunkText(parsed: unknown): string | null {
  const chunks = Array.isArray(parsed) ? parsed : parsed && typeof parsed === "object" ? [parsed] : [];
  let text = "";
  for (const chunk of chunks as {
    candidates?: { content?: { parts?: { text?: unknown; thought?: unknown }[] } }[];
  }[]) {
    for (const part of chunk?.candidates?.[0]?.content?.parts ?? []) {
      if (typeof part?.text === "string" && part.thought !== true) text += part.text;
    }
  }
  return text === "" ? null : text;
}

/** README fallback: the GenAI operation details event's output messages, skipping helper (router) models. */
function detailsText(details: TelemetryRecord[], helperModels: Set<string>): string | null {
  for (let i = details.length - 1; i >= 0; i--) {
    const attrs = details[i]!.attrs;
    if (helperModels.has(str(attrs, "gen_ai.request.model") ?? "")) continue;
    const text = assistantText(parseMessages(jsonAttr(attrs, "gen_ai.output.messages")));
    if (text) return text;
  }
  return null;
}

function toApiCalls(responses: TelemetryRecord[], errors: TelemetryRecord[]): ApiCall[] {
  const failures = new Set(errors);
  return [...responses, ...errors]
    .sort((a, b) => compareNs(a.timeNs, b.timeNs))
    .map((record) => {
      const attrs = record.attrs;
      const failed = failures.has(record);
      const duration = num(attrs, "duration_ms");
      const at = nsToMs(record.timeNs);
      return apiCall({
        model: str(attrs, "model"),
        started_at: at !== null && duration !== null ? at - duration : at,
        duration_ms: duration,
        input_tokens: num(attrs, "input_token_count") ?? 0,
        output_tokens: num(attrs, "output_token_count") ?? 0,
        cached_input_tokens: num(attrs, "cached_content_token_count") ?? 0,
        reasoning_tokens: num(attrs, "thoughts_token_count") ?? 0,
        status_code: num(attrs, "status_code") ?? num(attrs, "http.status_code"),
        error: failed ? (str(attrs, "error") ?? str(attrs, "error.message") ?? "API error") : null,
        success: !failed,
      });
    });
}

/** README "tool_calls": gemini_cli.tool_call; exit_code from the JSON `metadata.exitCode` (non-zero only). */
function toToolCalls(calls: TelemetryRecord[], records: readonly TelemetryRecord[]): ToolCall[] {
  const outputs = matchToolOutputs(calls, records);
  return calls.map((call, i) => {
    const attrs = call.attrs;
    const metadata = jsonAttr(attrs, "metadata") as { exitCode?: unknown } | undefined;
    const exitCode = typeof metadata?.exitCode === "number" ? metadata.exitCode : null;
    const duration = num(attrs, "duration_ms");
    const at = nsToMs(call.timeNs);
    return toolCall({
      name: str(attrs, "function_name") ?? "unknown",
      arguments: str(attrs, "function_args"),
      success: bool(attrs, "success"),
      exit_code: exitCode,
      duration_ms: duration,
      decision: toDecision(str(attrs, "decision")),
      started_at: at !== null && duration !== null ? at - duration : at,
      ...outputs[i],
    });
  });
}

function connect(e: Endpoints): ConnectGuide {
  const settings = (protocol: "grpc" | "http", port: number | null): string =>
    JSON.stringify(
      {
        telemetry: {
          enabled: true,
          target: "local",
          otlpProtocol: protocol,
          otlpEndpoint: `http://${hostFor(e.host)}:${port}`,
          logPrompts: true,
        },
      },
      null,
      2,
    ) + "\n";
  const snippets: Snippet[] = [];
  if (e.grpcPort)
    snippets.push({
      protocol: "gRPC (Gemini's default)",
      target: "~/.gemini/settings.json",
      format: "json",
      text: settings("grpc", e.grpcPort),
    });
  if (e.httpPort)
    snippets.push({
      protocol: "HTTP JSON",
      target: "~/.gemini/settings.json",
      format: "json",
      text: settings("http", e.httpPort),
    });
  if (e.token) {
    snippets.push({
      protocol: "token",
      target: "shell, before `gemini`",
      format: "env",
      text: `export OTEL_EXPORTER_OTLP_HEADERS="Authorization=Bearer ${e.token}"\n`,
    });
  }
  return {
    snippets,
    options: [
      {
        name: '"logPrompts": true',
        effect: "logs prompts, answers and shell exit codes (with false they are dropped)",
      },
      { name: '"target": "local"', effect: "sends to the endpoint above instead of Google Cloud" },
      { name: '"otlpProtocol"', effect: "gRPC is the default; Gemini's HTTP mode sends OTLP/JSON" },
    ],
  };
}
/** Signals (lib/sessions/signals.ts): a tool call the user cancelled, or a model request aborted mid-stream. */
const nativeEvents: NativeEventReader = {
  interruptOf: (record) => {
    const name = eventName(record);
    if (name !== "gemini_cli.tool_call" && name !== "gemini_cli.api_error") return null;
    const cancelled =
      str(record.attrs, "decision")?.toLowerCase() === "cancel" ||
      /cancel|abort/i.test(str(record.attrs, "error_type") ?? "") ||
      /cancelled by user|user aborted|operation was aborted|request aborted/i.test(
        str(record.attrs, "error") ?? "",
      ) ||
      str(record.attrs, "status")?.toLowerCase() === "cancelled";
    return cancelled ? `${name}:cancelled` : null;
  },
};

export const geminiCli: ClientAdapter = {
  nativeEvents,
  transcript: geminiCliTranscript,
  id: "gemini-cli",
  name: "Gemini CLI",
  tone: "bg-violet-100 text-violet-800 dark:bg-violet-950 dark:text-violet-300",
  matchesService: (name) => name === "gemini-cli",
  sessionKeys: ["session.id"],
  connect,
  // README: service.version is the Node.js version; the CLI's own version is only in its User-Agent.
  clientVersion: () => null,
  sliceTurns,
  turnKeyOf: promptIdOf,
  describeTurn,
  readTool,
};
