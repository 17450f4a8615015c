// GitHub Copilot CLI (traces and metrics only): one turn per top-level invoke_agent span, built from the
// OpenTelemetry GenAI spans of its trace (fixtures README "Copilot CLI").
import type { ClientAdapter } from "./adapter";
import { str } from "./common";
import { describeGenAiTurn, sliceByAgentSpans } from "./genai";

/** README decision 5: Copilot prepends `<current_datetime>…</current_datetime>\n\n` to what the user typed;
 * it is injected context, not prompt text. */
const DATETIME_PREFIX = /^<current_datetime>[^<]*<\/current_datetime>(\n\n)?/;

export const stripCopilotContext = (prompt: string): string => prompt.replace(DATETIME_PREFIX, "");

export const copilotCli: ClientAdapter = {
  id: "copilot-cli",
  matchesService: (name) => name === "github-copilot",
  clientVersion: (resource) => str(resource, "service.version"),
  // README: the user turn is the invoke_agent span, not `github.copilot.turn_id` (which numbers model calls).
  sliceTurns: (records) => ({ turns: sliceByAgentSpans(records) }),
  describeTurn: (slice) => describeGenAiTurn(slice, stripCopilotContext),
};
