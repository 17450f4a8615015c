// Continue CLI (`cn`): it exports `continue_cli_*` metrics only, with no session id and no events, so it
// never has sessions or turns; its tokens and cost reach the Overview from its metric points (docs/overview.md).
import type { ClientAdapter } from "./adapter";
import { str } from "./common";

export const continueCli: ClientAdapter = {
  id: "continue",
  matchesService: (name) => name === "continue-cli",
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
