// Where each client keeps its local transcripts (relative to a HOME-like root) and which reader parses
// them. The only list of transcript locations: the watcher, `npm run import` and the tests ask it.
import { readClaudeCodeSession } from "./claude-code-transcript";
import { readCodexRollout } from "./codex-transcript";
import { readCopilotEvents } from "./copilot-cli-transcript";
import { readGeminiChat } from "./gemini-cli-transcript";
import type { TranscriptSession } from "./transcript";

export interface TranscriptSource {
  /** The adapter's client id. */
  client: string;
  /** The location under a root, as the README and the Connect page name it. */
  glob: string;
  /** Whether a path relative to the root (with `/` separators) is one of this client's transcripts. */
  path: RegExp;
  read(lines: readonly string[]): TranscriptSession | null;
}

export const TRANSCRIPT_SOURCES: readonly TranscriptSource[] = [
  {
    client: "codex",
    glob: ".codex/sessions/**/rollout-*.jsonl",
    path: /^\.codex\/sessions\/(?:[^/]+\/)*rollout-[^/]*\.jsonl$/,
    read: readCodexRollout,
  },
  {
    client: "claude-code",
    glob: ".claude/projects/*/*.jsonl",
    path: /^\.claude\/projects\/[^/]+\/[^/]+\.jsonl$/,
    read: readClaudeCodeSession,
  },
  {
    client: "gemini-cli",
    glob: ".gemini/tmp/*/chats/*.jsonl",
    path: /^\.gemini\/tmp\/[^/]+\/chats\/[^/]+\.jsonl$/,
    read: readGeminiChat,
  },
  {
    client: "copilot-cli",
    glob: ".copilot/session-state/*/events.jsonl",
    path: /^\.copilot\/session-state\/[^/]+\/events\.jsonl$/,
    read: readCopilotEvents,
  },
];

export function transcriptSourceOf(relativePath: string): TranscriptSource | null {
  return TRANSCRIPT_SOURCES.find((source) => source.path.test(relativePath)) ?? null;
}
