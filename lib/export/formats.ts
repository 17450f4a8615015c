// The three dataset formats, one line per turn (docs/export-format.md): `turns` (everything, the schema in
// docs/export-format.schema.json), `messages` (chat SFT), `preference` (TRL unpaired preference / KTO).
import type { ExportRow } from "@/db/queries/labels";
import { iso } from "@/lib/sessions/read";
import type { Label } from "@/lib/shared/labels";
import type { ToolCall, TurnData } from "@/lib/sessions/types";

export const TURN_SCHEMA = "tracemark.turn.v1";
export const MESSAGES_SCHEMA = "tracemark.messages.v1";
export type ExportFormat = "turns" | "messages" | "preference";

/** Applied to every free text a turn carries (prompt, arguments, outputs, answer). */
export type Scrub = (text: string | null) => string | null;

export interface TurnLine {
  schema: typeof TURN_SCHEMA;
  session_id: string;
  turn_id: string;
  turn_index: number;
  client: string;
  client_version: string | null;
  model: string | null;
  started_at: string | null;
  ended_at: string | null;
  prompt: string | null;
  prompt_redacted: boolean;
  response: string | null;
  tool_calls: Pick<ToolCall, "name" | "call_id" | "arguments" | "output" | "success" | "exit_code" | "duration_ms" | "decision">[];
  api_errors: number;
  usage: {
    input_tokens: number;
    output_tokens: number;
    cached_input_tokens: number;
    reasoning_tokens: number;
    cost_usd: number | null;
  };
  label: Label;
  note: string | null;
  labeled_by: string | null;
  labeled_at: string | null;
  session_label: Label;
  session_note: string | null;
}

export function toTurnLine(row: ExportRow, scrub: Scrub): TurnLine {
  const turn = JSON.parse(row.data) as TurnData;
  return {
    schema: TURN_SCHEMA,
    session_id: row.sessionId,
    turn_id: row.turnId,
    turn_index: turn.index,
    client: row.client,
    client_version: row.clientVersion,
    model: turn.model,
    started_at: iso(turn.started_at),
    ended_at: iso(turn.ended_at),
    prompt: scrub(turn.prompt),
    prompt_redacted: turn.prompt_redacted,
    response: scrub(turn.response),
    tool_calls: turn.tool_calls.map((call) => ({
      name: call.name,
      call_id: call.call_id,
      arguments: scrub(call.arguments),
      output: scrub(call.output),
      success: call.success,
      exit_code: call.exit_code,
      duration_ms: call.duration_ms,
      decision: call.decision,
    })),
    api_errors: turn.api_errors,
    usage: {
      input_tokens: turn.input_tokens,
      output_tokens: turn.output_tokens,
      cached_input_tokens: turn.cached_input_tokens,
      reasoning_tokens: turn.reasoning_tokens,
      cost_usd: turn.cost_usd,
    },
    label: row.label,
    note: row.note === "" ? null : row.note,
    labeled_by: row.label === null && !row.note ? null : row.labeledBy,
    labeled_at: row.label === null && !row.note ? null : iso(row.labeledAt),
    session_label: row.sessionLabel,
    session_note: row.sessionNote === "" ? null : row.sessionNote,
  };
}

type ChatMessage =
  | { role: "user"; content: string }
  | { role: "assistant"; content: string | null; tool_calls?: ChatToolCall[] }
  | { role: "tool"; tool_call_id: string; name: string; content: string };
interface ChatToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

/** The agent's side of a turn as chat messages: each tool call with its result, then the answer. */
function assistantMessages(line: TurnLine): ChatMessage[] {
  const messages: ChatMessage[] = [];
  line.tool_calls.forEach((call, i) => {
    const id = call.call_id ?? `call_${i}`;
    messages.push({
      role: "assistant",
      content: null,
      tool_calls: [{ id, type: "function", function: { name: call.name, arguments: call.arguments ?? "{}" } }],
    });
    messages.push({ role: "tool", tool_call_id: id, name: call.name, content: call.output ?? "" });
  });
  if (line.response !== null) messages.push({ role: "assistant", content: line.response });
  return messages;
}

/** One output line for a turn in the given format, or null when the format cannot represent the turn. */
export function formatTurn(format: ExportFormat, line: TurnLine): object | null {
  if (format === "turns") return line;
  // Without the prompt text there is nothing to train on; without any agent output, no completion.
  if (line.prompt === null) return null;
  const completion = assistantMessages(line);
  if (format === "messages") {
    return {
      schema: MESSAGES_SCHEMA,
      session_id: line.session_id,
      turn_id: line.turn_id,
      model: line.model,
      label: line.label,
      note: line.note,
      messages: [{ role: "user", content: line.prompt }, ...completion],
    };
  }
  if (line.label === null || completion.length === 0) return null;
  return {
    prompt: [{ role: "user", content: line.prompt }],
    completion,
    label: line.label === "good",
  };
}
