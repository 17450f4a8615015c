// Joins what a session's transcript says (TranscriptSession) to the turns built from its telemetry, and
// builds turns from a transcript alone. Pure. Which side wins (docs/sessions.md "Transcripts"): the
// transcript for what the agent did and saw (full tool outputs, exit codes and status, file changes, text
// the OTel left out); OTel for tokens, timings and errors where it has them. Each filled field is named in
// the turn's `sources`; the OTel values stay in the raw records.
import type { AssistantMessage, FieldSource, ToolCall, TurnData, TurnSources } from "@/lib/sessions/types";
import { toolCall } from "./adapter";
import type { TranscriptSession, TranscriptToolCall, TranscriptTurn } from "./transcript";

/** Pairs each OTel turn with a transcript turn: by the client's join key, else by prompt text in order,
 * else (a turn whose prompt was not logged) by position among the unpaired. */
function pairTurns(
  turns: readonly TurnData[],
  transcript: readonly TranscriptTurn[],
): Map<TurnData, TranscriptTurn> {
  const pairs = new Map<TurnData, TranscriptTurn>();
  const free = new Set(transcript);
  const take = (turn: TurnData, match: TranscriptTurn | undefined): void => {
    if (!match) return;
    pairs.set(turn, match);
    free.delete(match);
  };
  for (const turn of turns)
    take(
      turn,
      transcript.find((t) => free.has(t) && t.join_key === turn.key),
    );
  for (const turn of turns) {
    if (!pairs.has(turn) && turn.prompt !== null)
      take(
        turn,
        [...free].find((t) => t.prompt === turn.prompt),
      );
  }
  const unpaired = turns.filter((turn) => !pairs.has(turn) && turn.prompt === null);
  unpaired.forEach((turn, i) => take(turn, [...free][i]));
  return pairs;
}

export function joinTranscript(turns: readonly TurnData[], transcript: TranscriptSession): TurnData[] {
  const pairs = pairTurns(turns, transcript.turns);
  const paired = new Set(pairs.values());
  const joined = turns.map((turn) => {
    const match = pairs.get(turn);
    return match ? fillTurn(turn, match) : turn;
  });
  const extra = transcript.turns.filter((turn) => !paired.has(turn)).map((turn) => turnFromTranscript(turn));
  return [...joined, ...extra]
    .sort((a, b) => (a.started_at ?? 0) - (b.started_at ?? 0))
    .map((turn, index) => ({ ...turn, index }));
}

function fillTurn(turn: TurnData, from: TranscriptTurn): TurnData {
  const fields: TurnSources["fields"] = {};
  const fill = <T>(field: string, otel: T | null, transcript: T | null): T | null => {
    if (otel !== null && otel !== "") return otel;
    if (transcript !== null) fields[field] = "transcript";
    return transcript;
  };
  const prompt = turn.prompt_redacted || turn.prompt === null ? from.prompt : turn.prompt;
  if (prompt !== turn.prompt) fields.prompt = "transcript";
  const tokens = turn.input_tokens + turn.output_tokens > 0 ? null : tokensOf(from);
  if (tokens) fields.tokens = "transcript";
  const tool_calls = joinToolCalls(turn.tool_calls, calls(from), fields);
  // Where the client logs only its final answer (Codex), the transcript has everything it wrote meanwhile.
  const messages = turn.intermediate_messages ? turn.messages : messagesOf(from);
  if (messages !== turn.messages) fields.messages = "transcript";
  return {
    ...turn,
    messages,
    intermediate_messages: turn.intermediate_messages || messages.length > 0,
    prompt,
    prompt_redacted: prompt === turn.prompt ? turn.prompt_redacted : false,
    response: fill("response", turn.response, from.final_answer),
    model: fill("model", turn.model, from.model),
    tool_calls,
    ...(tokens ?? {}),
    sources: { otel: true, transcript: true, fields },
  };
}

/** Assistant messages and reasoning summaries (marked), in transcript order. */
function messagesOf(turn: TranscriptTurn): AssistantMessage[] {
  return turn.items.flatMap((item): AssistantMessage[] =>
    item.kind === "assistant_message"
      ? [{ text: item.text, at: item.at }]
      : item.kind === "reasoning"
        ? [{ text: item.text, at: item.at, reasoning: true }]
        : [],
  );
}

function calls(turn: TranscriptTurn): TranscriptToolCall[] {
  return turn.items.filter((item): item is TranscriptToolCall => item.kind === "tool_call");
}

/** OTel calls gain the transcript's output, status, exit code and file change (matched by call id, else by
 * name in order); transcript calls OTel never reported are added. */
function joinToolCalls(
  otel: readonly ToolCall[],
  transcript: TranscriptToolCall[],
  fields: TurnSources["fields"],
): ToolCall[] {
  const free = new Set(transcript);
  const matchOf = (call: ToolCall): TranscriptToolCall | undefined =>
    [...free].find((t) => call.call_id !== null && t.call_id === call.call_id) ??
    [...free].find((t) => call.call_id === null && t.name === call.name);
  const joined = otel.map((call) => {
    const match = matchOf(call);
    if (!match) return call;
    free.delete(match);
    const filled = {
      ...call,
      arguments: call.arguments ?? match.arguments,
      output: match.output ?? call.output,
      success: match.success ?? call.success,
      exit_code: match.exit_code ?? call.exit_code,
      file_change: match.file_change ?? call.file_change,
    };
    if (filled.output !== call.output) fields.tool_outputs = "transcript";
    if (filled.success !== call.success || filled.exit_code !== call.exit_code)
      fields.tool_status = "transcript";
    return filled;
  });
  const added = [...free].map(toolCallOf);
  if (added.length > 0) fields.tool_calls = "transcript";
  return [...joined, ...added];
}

function toolCallOf(call: TranscriptToolCall): ToolCall {
  return toolCall({
    name: call.name,
    call_id: call.call_id,
    arguments: call.arguments,
    output: call.output,
    success: call.success,
    exit_code: call.exit_code,
    started_at: call.at,
    file_change: call.file_change,
  });
}

function tokensOf(
  turn: TranscriptTurn,
): Pick<TurnData, "input_tokens" | "output_tokens" | "cached_input_tokens" | "reasoning_tokens"> {
  const { input_tokens, output_tokens, cached_input_tokens, reasoning_tokens } = turn.tokens;
  return { input_tokens, output_tokens, cached_input_tokens, reasoning_tokens };
}

const ALL_TRANSCRIPT: FieldSource = "transcript";

/** A turn only the transcript knows: its key is the client's join key, which is the OTel turn key where the
 * client has one, so the turn keeps its id (and labels) when its telemetry arrives later. */
export function turnFromTranscript(turn: TranscriptTurn): TurnData {
  const tool_calls = calls(turn).map(toolCallOf);
  const times = turn.items.map((item) => item.at).filter((at): at is number => at !== null);
  return {
    key: turn.join_key,
    index: 0,
    prompt: turn.prompt,
    prompt_redacted: false,
    response: turn.final_answer,
    messages: messagesOf(turn),
    intermediate_messages: true,
    model: turn.model,
    tool_calls,
    api_calls: [],
    api_errors: 0,
    ...tokensOf(turn),
    cost_usd: null,
    ttft_ms: null,
    helper_input_tokens: 0,
    helper_output_tokens: 0,
    extra: null,
    signals: [],
    suggested_labels: [],
    started_at: turn.started_at,
    ended_at: times.length > 0 ? Math.max(...times) : turn.started_at,
    trace_ids: [],
    record_ids: { logs: [], traces: [], metrics: [] },
    sources: { otel: false, transcript: true, fields: { all: ALL_TRANSCRIPT } },
  };
}
