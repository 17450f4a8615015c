// Reads a Copilot CLI event log (`.copilot/session-state/<session id>/events.jsonl`, one `{type, data, id,
// timestamp, parentId}` per line) into a TranscriptSession. Join key: the prompt's `interactionId` = OTel
// `github.copilot.interaction_id`.
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

type Data = Record<string, unknown>;

interface Reading {
  session: TranscriptSession | null;
  turns: Map<string, TranscriptTurn>;
  current: TranscriptTurn | null;
  calls: Map<string, TranscriptToolCall>;
}

export function readCopilotEvents(lines: readonly string[]): TranscriptSession | null {
  const reading: Reading = { session: null, turns: new Map(), current: null, calls: new Map() };
  for (const line of lines) {
    const event = parseLine(line);
    if (event) readEvent(reading, text(event, "type"), obj(event, "data"), timeMs(text(event, "timestamp")));
  }
  if (reading.session)
    for (const turn of reading.session.turns) turn.final_answer = lastAssistantText(turn.items);
  return reading.session;
}

function readEvent(reading: Reading, type: string | null, data: Data, atMs: number | null): void {
  if (type === "session.start") {
    const id = text(data, "sessionId");
    if (id !== null && reading.session === null) {
      reading.session = {
        session_id: id,
        client_version: text(data, "copilotVersion"),
        cwd: text(obj(data, "context"), "cwd"),
        turns: [],
      };
    }
  } else if (type === "user.message") startTurn(reading, data, atMs);
  else if (type === "assistant.message") addMessage(reading, data, atMs);
  else if (type === "tool.execution_complete") completeCall(reading, data);
  else if (type === "session.usage_record") addUsage(reading, obj(data, "usage"));
}

function startTurn(reading: Reading, data: Data, atMs: number | null): void {
  const interactionId = text(data, "interactionId");
  if (!reading.session || interactionId === null || reading.turns.has(interactionId)) return;
  const turn: TranscriptTurn = {
    join_key: interactionId,
    turn_id: interactionId,
    started_at: atMs,
    prompt: text(data, "content") ?? "",
    model: null,
    items: [],
    final_answer: null,
    tokens: emptyTokens(),
  };
  reading.turns.set(interactionId, turn);
  reading.current = turn;
  reading.session.turns.push(turn);
}

function addMessage(reading: Reading, data: Data, at: number | null): void {
  const turn = reading.turns.get(text(data, "interactionId") ?? "") ?? reading.current;
  if (!turn) return;
  turn.model = text(data, "model") ?? turn.model;
  const content = text(data, "content") ?? "";
  if (content !== "") turn.items.push({ kind: "assistant_message", text: content, phase: null, at });
  for (const request of list(data, "toolRequests")) {
    const call = transcriptToolCall({
      at,
      call_id: text(request, "toolCallId") ?? "",
      name: text(request, "name") ?? "",
      arguments: argumentsText(isObject(request) ? request["arguments"] : null),
    });
    reading.calls.set(call.call_id, call);
    turn.items.push(call);
  }
}

function completeCall(reading: Reading, data: Data): void {
  const call = reading.calls.get(text(data, "toolCallId") ?? "");
  if (!call) return;
  const success = data["success"];
  if (typeof success === "boolean") call.success = success;
  call.output = text(obj(data, "result"), "content") ?? call.output;
  const exitCode = obj(data, "shellExecution")["exitCode"];
  if (typeof exitCode === "number") call.exit_code = exitCode;
}

/** One record per model call, inside the turn that made it. */
function addUsage(reading: Reading, usage: Data): void {
  const turn = reading.current;
  if (!turn) return;
  turn.tokens.responses++;
  turn.tokens.input_tokens += count(usage, "inputTokens");
  turn.tokens.output_tokens += count(usage, "outputTokens");
  turn.tokens.cached_input_tokens += count(usage, "cacheReadTokens");
}

export const copilotCliTranscript: TranscriptFormat = {
  glob: ".copilot/session-state/*/events.jsonl",
  path: /^\.copilot\/session-state\/[^/]+\/events\.jsonl$/,
  read: readCopilotEvents,
};
