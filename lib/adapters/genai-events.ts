// OpenTelemetry GenAI conventions beyond spans: token attributes under their current (dotted) and older
// names, and message content from the `gen_ai.client.inference.operation.details` log event, which carries
// `gen_ai.input.messages` / `gen_ai.output.messages` when a source logs content instead of putting it on spans.
import type { Attrs, TelemetryRecord } from "@/db/telemetry";
import { num } from "./common";

export const DETAILS_EVENT = "gen_ai.client.inference.operation.details";

/** Each token kind under the names the conventions used over time; the first present wins. */
const TOKEN_NAMES = {
  input: ["gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens"],
  output: ["gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens"],
  cached: [
    "gen_ai.usage.cache_read.input_tokens",
    "gen_ai.usage.cache_read_input_tokens",
    "gen_ai.usage.cached_input_tokens",
  ],
  reasoning: ["gen_ai.usage.reasoning.output_tokens", "gen_ai.usage.reasoning_tokens"],
} as const;

export type TokenKind = keyof typeof TOKEN_NAMES;

export function tokens(attrs: Attrs, kind: TokenKind): number | null {
  for (const name of TOKEN_NAMES[kind]) {
    const value = num(attrs, name);
    if (value !== null) return value;
  }
  return null;
}

export const isDetailsEvent = (record: TelemetryRecord): boolean =>
  record.signal === "logs" && (record.name === DETAILS_EVENT || record.attrs["event.name"] === DETAILS_EVENT);
