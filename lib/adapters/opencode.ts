// opencode (Vercel AI SDK telemetry with `experimental.openTelemetry`): sessions by opencode's `session.id`,
// turns by user message (under `opencode serve` one trace spans every prompt and session of the process);
// its hidden agents (session title, summary, compaction) are helper calls.
import type { TelemetryRecord } from "@/db/telemetry";
import type { ClientAdapter } from "./adapter";
import { systemText, type AiSdkCall } from "./ai-sdk";
import { describeAiSdkTurn, sliceByUserMessage, type AiHelperOf } from "./ai-sdk-turns";
import { parseJson, str } from "./common";
import { hostFor, otelEnv, type ConnectGuide, type Endpoints, type Snippet } from "./connect";

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

function connect(e: Endpoints): ConnectGuide {
  const config =
    JSON.stringify(
      { $schema: "https://opencode.ai/config.json", experimental: { openTelemetry: true } },
      null,
      2,
    ) + "\n";
  const snippets: Snippet[] = [
    { protocol: "config", target: "~/.config/opencode/opencode.json", format: "json", text: config },
  ];
  if (e.httpPort) {
    snippets.push({
      protocol: "HTTP",
      target: "shell, before `opencode` / `opencode serve`",
      format: "env",
      text: otelEnv([], "http/protobuf", `http://${hostFor(e.host)}:${e.httpPort}`, e.token),
    });
  }
  return {
    snippets,
    options: [
      {
        name: '"experimental": { "openTelemetry": true }',
        effect:
          "turns on the Vercel AI SDK spans: prompt, answer, model, tokens and tool calls (opencode sends OTLP/HTTP JSON)",
      },
      {
        name: "`opencode serve` or the TUI",
        effect:
          "a long-running process exports everything; a bare `opencode run` exits before its last span batch is sent, so its last answer can be missing (use `opencode run --attach` to a running `opencode serve`)",
      },
      {
        name: "title calls",
        effect:
          "opencode asks the model for a session title; that call is counted in the turn as helper work",
      },
    ],
  };
}

export const opencode: ClientAdapter = {
  id: "opencode",
  name: "opencode",
  tone: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
  matchesService: (name) => name === "opencode",
  // The `session.id` on its ai.* spans (also `ai.telemetry.metadata.sessionId`, the generic AI SDK key).
  sessionKeys: ["session.id"],
  connect,
  clientVersion: (resource) => str(resource, "service.version"),
  // Only the session's own calls: the rest of a shared server trace is another session's (or nobody's).
  sliceTurns: (records, sessionId) => ({
    turns: sliceByUserMessage(records.all, opencodeHelper, (call) => call.sessionId === sessionId),
  }),
  describeTurn: (slice) => describeAiSdkTurn(slice, opencodeHelper),
};
