// Which attribute names carry a coding agent's session id. Stored on every indexed record so the session
// builder can find a session's records with one indexed lookup (see docs/ARCHITECTURE.md "Sessions").
import type { Attrs } from "@/db/telemetry";

/**
 * In priority order: Claude Code, Gemini CLI, Qwen Code and opencode `session.id`, Codex `conversation.id`,
 * OpenTelemetry GenAI semantic conventions (Copilot CLI) `gen_ai.conversation.id`, and the Vercel AI SDK's
 * `sessionId` telemetry metadata (apps built on the SDK). Record attributes win over resource ones.
 * (Client facts: to move into the client registry in lib/adapters.)
 */
export const SESSION_KEY_ATTRIBUTES = [
  "session.id",
  "conversation.id",
  "gen_ai.conversation.id",
  "ai.telemetry.metadata.sessionId",
] as const;

export function sessionKeyOf(attrs: Attrs, resource: Attrs): string | null {
  for (const source of [attrs, resource]) {
    for (const name of SESSION_KEY_ATTRIBUTES) {
      const value = source[name];
      if (typeof value === "string" && value !== "") return value;
    }
  }
  return null;
}
