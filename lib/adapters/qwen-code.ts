// Qwen Code (a Gemini CLI fork): one turn per `prompt_id` within `session.id`, from its `qwen-code.*` log events
// (right with either includeSensitiveSpanAttributes setting), its spans adding tool outputs and span ids.
// Calls under another prompt id or a subagent (the background auto-memory agent) are kept as helper work.
import { nsToMs, type TelemetryRecord } from "@/db/telemetry";
import type { ApiCall } from "@/lib/sessions/types";
import {
  apiCall,
  sliceRecords,
  type ClientAdapter,
  type Slicing,
  type TurnAnchor,
  type TurnContent,
  type TurnSlice,
} from "./adapter";
import type { NativeEventReader } from "@/lib/sessions/signals";
import { compareNs, eventName, jsonAttr, mostCommon, num, ratingFeedback, str, sum } from "./common";
import { assistantText, lastUserText, parseMessages } from "./genai";
import { qwenToolCalls } from "./qwen-tools";
import { eventsOf, type SessionRecords } from "./records";
import { hostFor, type ConnectGuide, type Endpoints, type Snippet } from "./connect";

const EVENT = {
  prompt: "qwen-code.user_prompt",
  request: "qwen-code.api_request",
  response: "qwen-code.api_response",
  error: "qwen-code.api_error",
  retry: "qwen-code.api_retry",
  tool: "qwen-code.tool_call",
  feedback: "qwen-code.user_feedback",
} as const;

/** Logs carry `prompt_id`, spans `qwen-code.prompt_id`. */
export const qwenPromptId = (record: TelemetryRecord): string | null =>
  str(record.attrs, "prompt_id") ?? str(record.attrs, "qwen-code.prompt_id");

/**
 * Which helper made a call, null for the user's own agent: a subagent names itself (`subagent_name`); a call
 * under a prompt id that is not the turn's is background work (Qwen's managed auto-memory runs after a turn
 * under its own prompt id); an `llm_request` span says its context when it is not the interaction.
 */
export function qwenHelper(record: TelemetryRecord, turnKey: string): string | null {
  const subagent = str(record.attrs, "subagent_name");
  if (subagent !== null) return subagent;
  const context = str(record.attrs, "llm_request.context");
  if (context !== null && context !== "interaction") return context;
  const promptId = qwenPromptId(record);
  return promptId !== null && promptId !== turnKey ? "background" : null;
}

/**
 * Records of a known prompt go to its turn; records under an unknown prompt id (background agents) to the
 * turn whose prompt came last before them (else the first); keyless records (tool and HTTP spans) follow the
 * trace of a keyed record, the earliest turn winning a shared trace. A feedback event without a prompt id
 * rates the turn before it.
 */
function sliceTurns(records: SessionRecords): Slicing {
  const anchors: TurnAnchor[] = (records.logsByEvent.get(EVENT.prompt) ?? [])
    .filter((prompt) => qwenPromptId(prompt) !== null)
    .map((prompt) => ({ key: qwenPromptId(prompt)!, promptNs: prompt.timeNs }));
  const known = new Map(anchors.map((anchor) => [anchor.key, anchor.promptNs]));
  const byTime = [...anchors].sort((a, b) => compareNs(a.promptNs, b.promptNs));
  const turnAt = (timeNs: string): string | null => {
    let owner = byTime[0]?.key ?? null;
    for (const anchor of byTime) if (compareNs(anchor.promptNs, timeNs) <= 0) owner = anchor.key;
    return owner;
  };
  const keyedOwner = (record: TelemetryRecord): string | null => {
    const promptId = qwenPromptId(record);
    if (promptId === null) return null;
    return known.has(promptId) ? promptId : turnAt(record.timeNs);
  };
  const traceTurn = new Map<string, string>();
  for (const record of records.all) {
    const owner = keyedOwner(record);
    if (!record.traceId || owner === null) continue;
    const current = traceTurn.get(record.traceId);
    if (current === undefined || compareNs(known.get(owner)!, known.get(current)!) < 0)
      traceTurn.set(record.traceId, owner);
  }
  const turns = sliceRecords(anchors, records.all, (record) => {
    const owner = keyedOwner(record);
    if (owner !== null) return owner;
    if (record.traceId) return traceTurn.get(record.traceId) ?? null;
    return record.name === EVENT.feedback ? turnAt(record.timeNs) : null;
  });
  return { turns };
}

/** The interaction span (invoke_agent) of the turn: its messages hold prompt and answer when spans are sensitive. */
const interactionOf = (slice: TurnSlice): TelemetryRecord | undefined =>
  slice.records.find(
    (r) => r.signal === "traces" && r.name === "qwen-code.interaction" && qwenPromptId(r) === slice.key,
  );

function describeTurn(slice: TurnSlice): TurnContent {
  const events = eventsOf(slice.records);
  const isMain = (record: TelemetryRecord): boolean => qwenHelper(record, slice.key) === null;
  const prompt = (events.get(EVENT.prompt) ?? []).find((record) => qwenPromptId(record) === slice.key);
  const interaction = interactionOf(slice);
  const text =
    (prompt ? str(prompt.attrs, "prompt") : null) ??
    lastUserText(parseMessages(jsonAttr(interaction?.attrs ?? {}, "gen_ai.input.messages")));
  const responses = events.get(EVENT.response) ?? [];
  const errors = [...(events.get(EVENT.error) ?? []), ...(events.get(EVENT.retry) ?? [])];
  const asked = [...(events.get(EVENT.request) ?? []), ...errors].filter(isMain);
  const feedback = (events.get(EVENT.feedback) ?? []).map((record) => num(record.attrs, "rating"));
  const rating = feedback.filter((value) => value !== null).pop();
  return {
    prompt: text,
    prompt_redacted: text === null,
    response:
      responseText(responses.filter(isMain)) ??
      assistantText(parseMessages(jsonAttr(interaction?.attrs ?? {}, "gen_ai.output.messages"))),
    model:
      mostCommon(responses.filter(isMain).map((r) => str(r.attrs, "model"))) ??
      mostCommon(asked.map((r) => str(r.attrs, "model"))) ??
      (interaction ? str(interaction.attrs, "qwen-code.model") : null),
    tool_calls: qwenToolCalls(events.get(EVENT.tool) ?? [], slice.records, (r) => qwenHelper(r, slice.key)),
    api_calls: toApiCalls(responses, errors, slice.key),
    // README "api_errors": failed attempts. Qwen logs each retried attempt as api_retry and the final failure
    // (retries exhausted, or not retryable) as api_error.
    api_errors: errors.length,
    // Every response counts, helpers included (they are marked, and split out as helper tokens).
    input_tokens: sum(responses.map((r) => num(r.attrs, "input_token_count"))),
    output_tokens: sum(responses.map((r) => num(r.attrs, "output_token_count"))),
    cached_input_tokens: sum(responses.map((r) => num(r.attrs, "cached_content_token_count"))),
    reasoning_tokens: sum(responses.map((r) => num(r.attrs, "thoughts_token_count"))),
    cost_usd: null,
    extra: rating === undefined ? null : { user_feedback_rating: rating },
  };
}

/** The last main response with text: Qwen logs `response_text` as plain text (Gemini CLI: JSON chunks). */
function responseText(mainResponses: TelemetryRecord[]): string | null {
  for (let i = mainResponses.length - 1; i >= 0; i--) {
    const text = str(mainResponses[i]!.attrs, "response_text");
    if (text !== null) return text;
  }
  return null;
}

function toApiCalls(responses: TelemetryRecord[], errors: TelemetryRecord[], turnKey: string): ApiCall[] {
  const failures = new Set(errors);
  return [...responses, ...errors]
    .sort((a, b) => compareNs(a.timeNs, b.timeNs))
    .map((record) => {
      const attrs = record.attrs;
      const failed = failures.has(record);
      const duration = failed && record.name === EVENT.retry ? null : num(attrs, "duration_ms");
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
        error: failed
          ? (str(attrs, "error_message") ?? str(attrs, "error.message") ?? str(attrs, "error") ?? "API error")
          : null,
        success: !failed,
        helper: qwenHelper(record, turnKey),
      });
    });
}

function connect(e: Endpoints): ConnectGuide {
  const settings = (protocol: "grpc" | "http", port: number | null): string =>
    JSON.stringify(
      {
        telemetry: {
          enabled: true,
          otlpProtocol: protocol,
          otlpEndpoint: `http://${hostFor(e.host)}:${port}`,
          logPrompts: true,
          includeSensitiveSpanAttributes: true,
        },
      },
      null,
      2,
    ) + "\n";
  const snippets: Snippet[] = [];
  if (e.httpPort)
    snippets.push({
      protocol: "HTTP JSON",
      target: "~/.qwen/settings.json",
      format: "json",
      text: settings("http", e.httpPort),
    });
  if (e.grpcPort)
    snippets.push({
      protocol: "gRPC (Qwen's default)",
      target: "~/.qwen/settings.json",
      format: "json",
      text: settings("grpc", e.grpcPort),
    });
  if (e.token) {
    snippets.push({
      protocol: "token",
      target: "shell, before `qwen`",
      format: "env",
      text: `export OTEL_EXPORTER_OTLP_HEADERS="Authorization=Bearer ${e.token}"\n`,
    });
  }
  return {
    snippets,
    options: [
      {
        name: '"logPrompts": true',
        effect:
          "logs the prompt, the answer and tool arguments (its default); tracemark reads them from the logs",
      },
      {
        name: '"includeSensitiveSpanAttributes": true',
        effect:
          "also puts content on spans: successful tool outputs are only there (default false: outputs shown as not logged)",
      },
      {
        name: "background agents",
        effect:
          "Qwen's managed auto-memory agent works after a turn; its calls and tokens are counted in that turn, marked as helper work",
      },
    ],
  };
}

/**
 * Qwen Code's own signals: `qwen-code.user_feedback` carries `rating` 1 bad, 2 fine, 3 good and an optional
 * `prompt_id` (the turn key); a tool call the user cancelled is a `qwen-code.tool_call` with `status:
 * "cancelled"` (its telemetry docs).
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

export const qwenCode: ClientAdapter = {
  id: "qwen-code",
  name: "Qwen Code",
  tone: "bg-indigo-100 text-indigo-800 dark:bg-indigo-950 dark:text-indigo-300",
  matchesService: (name) => name === "qwen-code",
  sessionKeys: ["session.id"],
  connect,
  clientVersion: (resource) => str(resource, "service.version"),
  sliceTurns,
  describeTurn,
  nativeEvents,
};
