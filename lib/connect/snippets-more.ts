// Connect snippets for Qwen Code, opencode and Continue (lib/connect/snippets.ts has the first four clients and
// the shared helpers). (Client facts: to move into the client registry in lib/adapters.)
import type { ClientGuide, Endpoints, Snippet } from "./snippets";

type Helpers = {
  hostFor: (host: string) => string;
  otelEnv: (lines: string[], protocol: string, endpoint: string, token: string | null) => string;
};

export function qwenCode(e: Endpoints, { hostFor }: Helpers): ClientGuide {
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
    client: "qwen-code",
    name: "Qwen Code",
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

export function opencode(e: Endpoints, { hostFor, otelEnv }: Helpers): ClientGuide {
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
    client: "opencode",
    name: "opencode",
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

export function continueCli(e: Endpoints, { hostFor, otelEnv }: Helpers): ClientGuide {
  const base = ["export OTEL_METRICS_EXPORTER=otlp", "export OTEL_METRIC_EXPORT_INTERVAL=10000"];
  const snippets: Snippet[] = e.httpPort
    ? [
        {
          protocol: "HTTP",
          target: "shell, before `cn`",
          format: "env",
          text: otelEnv(base, "http/protobuf", `http://${hostFor(e.host)}:${e.httpPort}`, e.token),
        },
      ]
    : [];
  return {
    client: "continue",
    name: "Continue CLI",
    snippets,
    options: [
      {
        name: "metrics only",
        effect:
          "Continue sends tokens, cost and activity as metrics with no session id: it has no sessions here, its usage is in the Overview",
      },
      {
        name: "OTEL_METRIC_EXPORT_INTERVAL",
        effect: "how often (ms) the running totals are sent; the last one before exit is what counts",
      },
    ],
  };
}
