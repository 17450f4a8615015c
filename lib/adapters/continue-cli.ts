// Continue CLI (`cn`): it exports `continue_cli_*` metrics only, with no session id and no events, so it
// never has sessions or turns; its tokens and cost reach the Overview from its metric points (docs/overview.md).
import type { ClientAdapter } from "./adapter";
import { str } from "./common";
import { hostFor, otelEnv, type ConnectGuide, type Endpoints, type Snippet } from "./connect";

function connect(e: Endpoints): ConnectGuide {
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

export const continueCli: ClientAdapter = {
  id: "continue",
  name: "Continue CLI",
  tone: "bg-teal-100 text-teal-800 dark:bg-teal-950 dark:text-teal-300",
  matchesService: (name) => name === "continue-cli",
  // No record carries a session id: it never has sessions.
  sessionKeys: [],
  connect,
  metricsOnly: true,
  usageMetrics: [
    { name: "continue_cli_token_usage", kind: "tokens", typeAttribute: "type" },
    { name: "continue_cli_cost_usage", kind: "cost" },
  ],
  clientVersion: (resource) => str(resource, "service.version"),
  // Unreachable in practice (no record carries a session id); said plainly if a proxy ever adds one.
  sliceTurns: () => ({ excluded: "metrics-only client: Continue sends no prompts or events, only metrics" }),
  describeTurn: () => {
    throw new Error("Continue has no turns");
  },
};
