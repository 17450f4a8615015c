// Reads a Codex rollout (`.codex/sessions/YYYY/MM/DD/rollout-*.jsonl`, one `{timestamp, type, payload}` per
// line; `codex exec resume` appends to the same file) into a TranscriptSession. Join key: the turn's
// `task_started.trace_id`, which is the trace id of the turn's OTel records (Codex's turn key).
import {
  argumentsText,
  transcriptToolCall,
  count,
  emptyTokens,
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

type Payload = Record<string, unknown>;

interface Reading {
  session: TranscriptSession | null;
  turns: Map<string, TranscriptTurn>;
  current: TranscriptTurn | null;
  calls: Map<string, TranscriptToolCall>;
}

export function readCodexRollout(lines: readonly string[]): TranscriptSession | null {
  const reading: Reading = { session: null, turns: new Map(), current: null, calls: new Map() };
  for (const line of lines) {
    const entry = parseLine(line);
    if (entry)
      readEntry(reading, text(entry, "type"), obj(entry, "payload"), timeMs(text(entry, "timestamp")));
  }
  // A turn is one once its prompt is written (a file read while Codex writes it may stop before).
  if (reading.session) reading.session.turns = reading.session.turns.filter((turn) => turn.prompt !== "");
  return reading.session;
}

function readEntry(reading: Reading, type: string | null, payload: Payload, atMs: number | null): void {
  if (type === "session_meta") {
    const id = text(payload, "id") ?? text(payload, "session_id");
    if (id !== null && reading.session === null) {
      reading.session = {
        session_id: id,
        client_version: text(payload, "cli_version"),
        cwd: text(payload, "cwd"),
        turns: [],
      };
    }
    return;
  }
  if (type === "turn_context") {
    const turn = reading.turns.get(text(payload, "turn_id") ?? "");
    if (turn) turn.model = text(payload, "model") ?? turn.model;
    return;
  }
  if (type === "token_usage_record") return addUsage(reading, payload);
  if (type === "event_msg") return readEvent(reading, payload, atMs);
  if (type === "response_item") return readResponseItem(reading, payload, atMs);
}

function readEvent(reading: Reading, payload: Payload, atMs: number | null): void {
  const kind = text(payload, "type");
  if (kind === "task_started") return startTurn(reading, payload, atMs);
  const turn = reading.turns.get(text(payload, "turn_id") ?? "") ?? reading.current;
  if (!turn) return;
  if (kind === "task_complete") {
    turn.final_answer = text(payload, "last_agent_message") ?? turn.final_answer;
    return;
  }
  if (kind !== "item_completed") return;
  const item = obj(payload, "item");
  const itemType = text(item, "type");
  if (itemType === "UserMessage" && turn.prompt === "") {
    turn.prompt = list(item, "content")
      .map((part) => text(part, "text") ?? "")
      .join("");
  } else if (itemType === "CommandExecution") {
    // The command's own outcome: `success` in OTel says "true" for a command that exited 3.
    const call = reading.calls.get(text(item, "id") ?? "");
    const status = text(item, "status");
    if (call && status !== null) call.success = status === "completed";
    const exitCode = item["exit_code"];
    if (call && typeof exitCode === "number") call.exit_code = exitCode;
  }
}

function startTurn(reading: Reading, payload: Payload, atMs: number | null): void {
  const session = reading.session;
  const turnId = text(payload, "turn_id") ?? text(obj(payload, "turn_attribution"), "turn_id");
  if (!session || turnId === null || reading.turns.has(turnId)) return;
  const turn: TranscriptTurn = {
    join_key: text(payload, "trace_id") ?? turnId,
    turn_id: turnId,
    started_at: atMs ?? (count(payload, "started_at") > 0 ? count(payload, "started_at") * 1000 : null),
    prompt: "",
    model: null,
    items: [],
    final_answer: null,
    tokens: emptyTokens(),
  };
  reading.turns.set(turnId, turn);
  reading.current = turn;
  session.turns.push(turn);
}

/** Response items carry no turn id: they belong to the turn started last. */
function readResponseItem(reading: Reading, payload: Payload, at: number | null): void {
  const turn = reading.current;
  if (!turn) return;
  const kind = text(payload, "type");
  if (kind === "reasoning") {
    const summary = list(payload, "summary")
      .map((part) => text(part, "text") ?? "")
      .filter((t) => t !== "");
    if (summary.length > 0) turn.items.push({ kind: "reasoning", text: summary.join("\n\n"), at });
  } else if (kind === "message" && text(payload, "role") === "assistant") {
    const phase = text(payload, "phase");
    turn.items.push({
      kind: "assistant_message",
      text: list(payload, "content")
        .map((part) => text(part, "text") ?? "")
        .join(""),
      phase: phase === "commentary" || phase === "final_answer" ? phase : null,
      at,
    });
  } else if (kind === "function_call" || kind === "custom_tool_call") {
    const call = transcriptToolCall({
      at,
      call_id: text(payload, "call_id") ?? "",
      name: text(payload, "name") ?? "",
      arguments: argumentsText(payload[kind === "function_call" ? "arguments" : "input"]),
    });
    reading.calls.set(call.call_id, call);
    turn.items.push(call);
  } else if (kind === "function_call_output" || kind === "custom_tool_call_output") {
    const call = reading.calls.get(text(payload, "call_id") ?? "");
    if (call) call.output = argumentsText(payload["output"]);
  }
}

/** One record per model response; `input_tokens` already includes the cached ones. */
function addUsage(reading: Reading, payload: Payload): void {
  const turn = reading.turns.get(text(payload, "turn_id") ?? "") ?? reading.current;
  if (!turn) return;
  const usage = obj(payload, "usage");
  turn.tokens.responses++;
  turn.tokens.input_tokens += count(usage, "input_tokens");
  turn.tokens.output_tokens += count(usage, "output_tokens");
  turn.tokens.cached_input_tokens += count(usage, "cached_input_tokens");
  turn.tokens.reasoning_tokens += count(usage, "reasoning_output_tokens");
}

export const codexTranscript: TranscriptFormat = {
  glob: ".codex/sessions/**/rollout-*.jsonl",
  path: /^\.codex\/sessions\/(?:[^/]+\/)*rollout-[^/]*\.jsonl$/,
  read: readCodexRollout,
};
