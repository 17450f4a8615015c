// Reads a Gemini CLI chat file (`.gemini/tmp/<project>/chats/session-*.jsonl`: a header line, message records,
// and `{"$set": {...}}` patches) into a TranscriptSession. A message id written again replaces the earlier
// record in place (the reply is re-written once its tool calls ran). Join key: `<session id>########<n>` for
// the n-th typed prompt (interactive OTel `prompt_id`); `-p` runs use the bare session id, which the join
// matches by prompt text instead.
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
  type TranscriptItem,
  type TranscriptFormat,
  type TranscriptSession,
  type TranscriptTurn,
} from "./transcript";

type Message = Record<string, unknown>;

/** The context message Gemini CLI puts first: not a prompt. */
const CONTEXT_PREFIX = "<session_context>";

export function readGeminiChat(lines: readonly string[]): TranscriptSession | null {
  let header: Record<string, unknown> | null = null;
  const messages = new Map<string, Message>(); // insertion order = first appearance
  for (const line of lines) {
    const entry = parseLine(line);
    if (!entry) continue;
    if (header === null && text(entry, "sessionId") !== null) header = entry;
    for (const message of [entry, ...list(obj(entry, "$set"), "messages")]) {
      const id = text(message, "id");
      if (id !== null && isObject(message) && text(message, "type") !== null) messages.set(id, message);
    }
  }
  const sessionId = text(header, "sessionId");
  if (sessionId === null) return null;
  return {
    session_id: sessionId,
    client_version: null,
    cwd: null,
    turns: turnsOf(sessionId, [...messages.values()]),
  };
}

function turnsOf(sessionId: string, messages: readonly Message[]): TranscriptTurn[] {
  const turns: TranscriptTurn[] = [];
  for (const message of messages) {
    const type = text(message, "type");
    const prompt = promptText(message);
    if (type === "user" && prompt !== null) {
      turns.push({
        join_key: `${sessionId}########${turns.length}`,
        turn_id: text(message, "id") ?? "",
        started_at: timeMs(text(message, "timestamp")),
        prompt,
        model: null,
        items: [],
        final_answer: null,
        tokens: emptyTokens(),
      });
    }
    const turn = turns.at(-1);
    if (type === "gemini" && turn) addReply(turn, message);
  }
  for (const turn of turns) turn.final_answer = lastAssistantText(turn.items);
  return turns;
}

/** A typed prompt's text; null for tool results sent back and for the context message. */
function promptText(message: Message): string | null {
  const parts = list(message, "content");
  if (parts.some((part) => isObject(part) && "functionResponse" in part)) return null;
  const prompt = parts.map((part) => text(part, "text") ?? "").join("");
  return prompt === "" || prompt.startsWith(CONTEXT_PREFIX) ? null : prompt;
}

function addReply(turn: TranscriptTurn, message: Message): void {
  turn.model = text(message, "model") ?? turn.model;
  const tokens = obj(message, "tokens");
  turn.tokens.responses++;
  turn.tokens.input_tokens += count(tokens, "input");
  turn.tokens.output_tokens += count(tokens, "output");
  turn.tokens.cached_input_tokens += count(tokens, "cached");
  turn.tokens.reasoning_tokens += count(tokens, "thoughts");
  const items: TranscriptItem[] = [];
  const at = timeMs(text(message, "timestamp"));
  for (const thought of list(message, "thoughts")) {
    const description = text(thought, "description") ?? "";
    if (description !== "") items.push({ kind: "reasoning", text: description, at });
  }
  const reply = text(message, "content") ?? "";
  if (reply !== "") items.push({ kind: "assistant_message", text: reply, phase: null, at });
  for (const call of list(message, "toolCalls")) {
    const status = text(call, "status");
    items.push({
      ...transcriptToolCall({
        at,
        call_id: text(call, "id") ?? "",
        name: text(call, "name") ?? "",
        arguments: argumentsText(isObject(call) ? call["args"] : null),
      }),
      output: toolOutput(call),
      success: status === null ? null : status === "success",
    });
  }
  turn.items.push(...items);
}

/** `result[].functionResponse.response.output` (the text the model got), else the response as JSON. */
function toolOutput(call: unknown): string | null {
  const outputs = list(call, "result").map((result) => obj(obj(result, "functionResponse"), "response"));
  if (outputs.length === 0) return null;
  return outputs.map((response) => text(response, "output") ?? JSON.stringify(response)).join("\n");
}

export const geminiCliTranscript: TranscriptFormat = {
  glob: ".gemini/tmp/*/chats/*.jsonl",
  path: /^\.gemini\/tmp\/[^/]+\/chats\/[^/]+\.jsonl$/,
  read: readGeminiChat,
};
