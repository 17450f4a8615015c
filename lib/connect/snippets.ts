// The exact configuration each coding CLI needs to send its telemetry here, built from this server's
// actual host, ports and token. Each client's options that add the most useful data are explained inline.
import type { ClientId } from "@/lib/sessions/types";
import { continueCli, opencode, qwenCode } from "./snippets-more";

export type SnippetFormat = "toml" | "json" | "env";

export interface Snippet {
  protocol: string;
  /** Where the snippet goes (a file, or the shell before starting the CLI). */
  target: string;
  format: SnippetFormat;
  text: string;
}

export interface ClientGuide {
  client: ClientId;
  name: string;
  snippets: Snippet[];
  /** One line per option worth knowing: what it adds. */
  options: { name: string; effect: string }[];
}

export interface Endpoints {
  /** Host clients should dial (the bind host, or 127.0.0.1 when bound to all interfaces). */
  host: string;
  httpPort: number | null;
  grpcPort: number | null;
  token: string | null;
}

const hostFor = (host: string): string => (host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host);

function codex(e: Endpoints): ClientGuide {
  const headers = e.token ? `, headers = { "authorization" = "Bearer ${e.token}" }` : "";
  const http = (signal: string, protocol: string): string =>
    `{ otlp-http = { endpoint = "http://${hostFor(e.host)}:${e.httpPort}/v1/${signal}", protocol = "${protocol}"${headers} } }`;
  const grpc = `{ otlp-grpc = { endpoint = "http://${hostFor(e.host)}:${e.grpcPort}"${headers} } }`;
  // [otel.tool_result] max_bytes: Codex cuts each logged tool output to 2,048 bytes by default.
  const block = (logs: string, traces: string, metrics: string): string =>
    ["[otel]", "log_user_prompt = true", "log_agent_responses = true", `exporter = ${logs}`, `trace_exporter = ${traces}`, `metrics_exporter = ${metrics}`, "", "[otel.tool_result]", "max_bytes = 1048576", ""].join("\n");
  const snippets: Snippet[] = [];
  if (e.httpPort) {
    snippets.push({ protocol: "HTTP protobuf", target: "~/.codex/config.toml", format: "toml", text: block(http("logs", "binary"), http("traces", "binary"), http("metrics", "binary")) });
    snippets.push({ protocol: "HTTP JSON", target: "~/.codex/config.toml", format: "toml", text: block(http("logs", "json"), http("traces", "json"), http("metrics", "json")) });
  }
  if (e.grpcPort) snippets.push({ protocol: "gRPC", target: "~/.codex/config.toml", format: "toml", text: block(grpc, grpc, grpc) });
  return {
    client: "codex",
    name: "OpenAI Codex CLI",
    snippets,
    options: [
      { name: "log_user_prompt = true", effect: "logs the prompt text (otherwise it arrives as [REDACTED])" },
      { name: "log_agent_responses = true", effect: "logs the final answer of each turn (undocumented; without it `response` is empty)" },
      { name: "trace_exporter", effect: "one trace per turn: the timeline (waterfall) of model and tool calls" },
      { name: "metrics_exporter", effect: "must be set too: its default sends metrics to an off-machine service" },
      { name: "[otel.tool_result] max_bytes", effect: "logs tool outputs up to 1 MiB (the default, 2,048 bytes, truncates most command output)" },
    ],
  };
}

function otelEnv(lines: string[], protocol: string, endpoint: string, token: string | null): string {
  const all = [...lines, `export OTEL_EXPORTER_OTLP_PROTOCOL=${protocol}`, `export OTEL_EXPORTER_OTLP_ENDPOINT=${endpoint}`];
  if (token) all.push(`export OTEL_EXPORTER_OTLP_HEADERS="Authorization=Bearer ${token}"`);
  return all.join("\n") + "\n";
}

function claudeCode(e: Endpoints): ClientGuide {
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
    snippets.push({ protocol: "HTTP protobuf", target: "shell, before `claude`", format: "env", text: otelEnv(base, "http/protobuf", http, e.token) });
    snippets.push({ protocol: "HTTP JSON", target: "shell, before `claude`", format: "env", text: otelEnv(base, "http/json", http, e.token) });
  }
  if (e.grpcPort) {
    snippets.push({ protocol: "gRPC", target: "shell, before `claude`", format: "env", text: otelEnv(base, "grpc", `http://${hostFor(e.host)}:${e.grpcPort}`, e.token) });
  }
  return {
    client: "claude-code",
    name: "Claude Code",
    snippets,
    options: [
      { name: "OTEL_LOG_USER_PROMPTS=1", effect: "logs the prompt text (otherwise <REDACTED>)" },
      { name: "OTEL_LOG_TOOL_DETAILS=1", effect: "logs tool arguments (commands, file paths)" },
      { name: "CLAUDE_CODE_ENHANCED_TELEMETRY_BETA=1 + OTEL_TRACES_EXPORTER=otlp", effect: "traces (beta): the timeline and exact API retry counts" },
      { name: "OTEL_LOGS_EXPORT_INTERVAL=2000", effect: "turns appear within seconds instead of after the default batch delay" },
    ],
  };
}

function geminiCli(e: Endpoints): ClientGuide {
  const settings = (protocol: "grpc" | "http", port: number | null): string =>
    JSON.stringify(
      { telemetry: { enabled: true, target: "local", otlpProtocol: protocol, otlpEndpoint: `http://${hostFor(e.host)}:${port}`, logPrompts: true } },
      null,
      2,
    ) + "\n";
  const snippets: Snippet[] = [];
  if (e.grpcPort) snippets.push({ protocol: "gRPC (Gemini's default)", target: "~/.gemini/settings.json", format: "json", text: settings("grpc", e.grpcPort) });
  if (e.httpPort) snippets.push({ protocol: "HTTP JSON", target: "~/.gemini/settings.json", format: "json", text: settings("http", e.httpPort) });
  if (e.token) {
    snippets.push({ protocol: "token", target: "shell, before `gemini`", format: "env", text: `export OTEL_EXPORTER_OTLP_HEADERS="Authorization=Bearer ${e.token}"\n` });
  }
  return {
    client: "gemini-cli",
    name: "Gemini CLI",
    snippets,
    options: [
      { name: '"logPrompts": true', effect: "logs prompts, answers and shell exit codes (with false they are dropped)" },
      { name: '"target": "local"', effect: "sends to the endpoint above instead of Google Cloud" },
      { name: '"otlpProtocol"', effect: "gRPC is the default; Gemini's HTTP mode sends OTLP/JSON" },
    ],
  };
}

function copilotCli(e: Endpoints): ClientGuide {
  const base = ["export COPILOT_OTEL_ENABLED=true", "export OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true"];
  const http = `http://${hostFor(e.host)}:${e.httpPort}`;
  const snippets: Snippet[] = e.httpPort
    ? [
        { protocol: "HTTP protobuf", target: "shell, before `copilot`", format: "env", text: otelEnv(base, "http/protobuf", http, e.token) },
        { protocol: "HTTP JSON", target: "shell, before `copilot`", format: "env", text: otelEnv(base, "http/json", http, e.token) },
      ]
    : [];
  return {
    client: "copilot-cli",
    name: "GitHub Copilot CLI",
    snippets,
    options: [
      { name: "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true", effect: "records prompts, answers and tool results (otherwise only names and tokens)" },
      { name: "traces only", effect: "Copilot sends traces and metrics, no logs; each prompt is one invoke_agent trace" },
    ],
  };
}

export function connectGuides(endpoints: Endpoints): ClientGuide[] {
  const helpers = { hostFor, otelEnv };
  return [
    codex(endpoints),
    claudeCode(endpoints),
    geminiCli(endpoints),
    copilotCli(endpoints),
    qwenCode(endpoints, helpers),
    opencode(endpoints, helpers),
    continueCli(endpoints, helpers),
  ];
}
