// Reads a Claude Code session file (`.claude/projects/<cwd-slug>/<session id>.jsonl`; `--continue` and
// `--resume` append to it) into a TranscriptSession. One `assistant` record per content block; records of one
// API response share `message.id`, so usage counts once per id. Join key: `promptId` = OTel `prompt.id`.
import {
  argumentsText,
  transcriptToolCall,
  count,
  emptyTokens,
  isObject,
  lastAssistantText,
  list,
  obj,
  parseLine,
  text,
  timeMs,
  type TranscriptFormat,
  type TranscriptSession,
  type TranscriptToolCall,
  type TranscriptTurn,
} from "./transcript";
import type { FileChange } from "@/lib/sessions/types";

type Entry = Record<string, unknown>;

interface Reading {
  session: TranscriptSession | null;
  turns: Map<string, TranscriptTurn>;
  current: TranscriptTurn | null;
  calls: Map<string, TranscriptToolCall>;
  countedResponses: Set<string>;
}

export function readClaudeCodeSession(lines: readonly string[]): TranscriptSession | null {
  const reading: Reading = {
    session: null,
    turns: new Map(),
    current: null,
    calls: new Map(),
    countedResponses: new Set(),
  };
  for (const line of lines) {
    const entry = parseLine(line);
    // Sidechain records are a subagent's own conversation, not the session's turns.
    if (!entry || entry["isSidechain"] === true) continue;
    const type = text(entry, "type");
    if (type === "user") readUser(reading, entry);
    else if (type === "assistant") readAssistant(reading, entry);
  }
  if (reading.session)
    for (const turn of reading.session.turns) turn.final_answer = lastAssistantText(turn.items);
  return reading.session;
}

function sessionOf(reading: Reading, entry: Entry): TranscriptSession | null {
  const id = text(entry, "sessionId");
  if (reading.session === null && id !== null) {
    reading.session = {
      session_id: id,
      client_version: text(entry, "version"),
      cwd: text(entry, "cwd"),
      turns: [],
    };
  }
  return reading.session;
}

function readUser(reading: Reading, entry: Entry): void {
  const session = sessionOf(reading, entry);
  const message = obj(entry, "message");
  const content = message["content"];
  const promptId = text(entry, "promptId");
  if (typeof content === "string") {
    if (!session || promptId === null || reading.turns.has(promptId)) return;
    const turn: TranscriptTurn = {
      join_key: promptId,
      turn_id: promptId,
      started_at: timeMs(text(entry, "timestamp")),
      prompt: content,
      model: null,
      items: [],
      final_answer: null,
      tokens: emptyTokens(),
    };
    reading.turns.set(promptId, turn);
    reading.current = turn;
    session.turns.push(turn);
    return;
  }
  for (const part of list(message, "content")) {
    if (text(part, "type") !== "tool_result") continue;
    const call = reading.calls.get(text(part, "tool_use_id") ?? "");
    if (!call) continue;
    call.output = resultText(isObject(part) ? part["content"] : null);
    call.success = !(isObject(part) && part["is_error"] === true);
    call.file_change = fileChangeOf(obj(entry, "toolUseResult"));
  }
}

function readAssistant(reading: Reading, entry: Entry): void {
  const turn = reading.current;
  if (!turn) return;
  const message = obj(entry, "message");
  const at = timeMs(text(entry, "timestamp"));
  turn.model = text(message, "model") ?? turn.model;
  const responseId = text(message, "id");
  if (responseId !== null && !reading.countedResponses.has(responseId)) {
    reading.countedResponses.add(responseId);
    const usage = obj(message, "usage");
    turn.tokens.responses++;
    turn.tokens.input_tokens += count(usage, "input_tokens");
    turn.tokens.output_tokens += count(usage, "output_tokens");
    turn.tokens.cached_input_tokens += count(usage, "cache_read_input_tokens");
  }
  for (const block of list(message, "content")) {
    const type = text(block, "type");
    if (type === "text") {
      turn.items.push({ kind: "assistant_message", text: text(block, "text") ?? "", phase: null, at });
    } else if (type === "thinking") {
      const thinking = text(block, "thinking") ?? "";
      if (thinking !== "") turn.items.push({ kind: "reasoning", text: thinking, at });
    } else if (type === "tool_use") {
      const call = transcriptToolCall({
        at,
        call_id: text(block, "id") ?? "",
        name: text(block, "name") ?? "",
        arguments: argumentsText(isObject(block) ? block["input"] : null),
      });
      reading.calls.set(call.call_id, call);
      turn.items.push(call);
    }
  }
}

/** A tool_result's content: a string, or text blocks. */
function resultText(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((block) => text(block, "text") ?? "").join("");
  return "";
}

/** Edit: `originalFile` with the replacement applied; Write: the file it created (or replaced). */
function fileChangeOf(result: Entry): FileChange | null {
  const path = text(result, "filePath");
  if (path === null) return null;
  const original = text(result, "originalFile");
  const written = text(result, "content");
  if (written !== null && (text(result, "type") === "create" || text(result, "type") === "update")) {
    return { path, before: text(result, "type") === "create" ? null : original, after: written };
  }
  const oldString = text(result, "oldString");
  const newString = text(result, "newString");
  if (original === null || oldString === null || newString === null) return null;
  const after =
    result["replaceAll"] === true
      ? original.split(oldString).join(newString)
      : original.replace(oldString, () => newString);
  return { path, before: original, after };
}

export const claudeCodeTranscript: TranscriptFormat = {
  glob: ".claude/projects/*/*.jsonl",
  path: /^\.claude\/projects\/[^/]+\/[^/]+\.jsonl$/,
  read: readClaudeCodeSession,
};
