// The per-turn dataset formats, one line per turn (docs/export-format.md): `turns` (everything, the schema in
// docs/export-format.schema.json), `messages` (chat SFT), `preference` (TRL unpaired preference / KTO).
// `dpo` (pairs, lib/export/dpo.ts) and `eval` (OTLP, lib/export/eval.ts) build on the same TurnLine.
import type { ExportRow } from "@/db/queries/export-rows";
import { iso } from "@/lib/sessions/read";
import type { Label } from "@/lib/shared/labels";
import type { SuggestedLabel, ToolCall, TurnData, TurnSignal } from "@/lib/sessions/types";
import type { ExportFormat } from "@/lib/shared/export-formats";
import { assistantMessages, promptMessages } from "./chat";

export const TURN_SCHEMA = "tracemark.turn.v1";
export const MESSAGES_SCHEMA = "tracemark.messages.v1";
export type { ExportFormat };
export type TurnFormat = Exclude<ExportFormat, "dpo" | "eval">;

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
  tool_calls: Pick<
    ToolCall,
    "name" | "call_id" | "arguments" | "output" | "success" | "exit_code" | "duration_ms" | "decision"
  >[];
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
  /** Reason ids attached to the turn (lib/shared/reasons.ts), [] when none. */
  reasons: string[];
  /** The person's corrected final answer, null when none. */
  correction: string | null;
  labeled_by: string | null;
  labeled_at: string | null;
  session_label: Label;
  session_note: string | null;
  /** What the telemetry says went wrong (docs/api.md "Signals"). */
  signals: TurnSignal[];
  /** Only with `suggested=include`: never mixed with `label` otherwise. */
  suggested_labels?: SuggestedLabel[];
}

export function toTurnLine(row: ExportRow, turn: TurnData, scrub: Scrub, includeSuggested = false): TurnLine {
  const touched =
    row.label !== null || Boolean(row.note) || row.correction !== null || (row.reasons ?? "[]") !== "[]";
  const suggested = includeSuggested
    ? {
        suggested_labels: (turn.suggested_labels ?? []).map((s) => ({
          ...s,
          explanation: scrub(s.explanation),
        })),
      }
    : {};
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
    reasons: row.reasons ? (JSON.parse(row.reasons) as string[]) : [],
    correction: scrub(row.correction),
    labeled_by: touched ? row.labeledBy : null,
    labeled_at: touched ? iso(row.labeledAt) : null,
    session_label: row.sessionLabel,
    session_note: row.sessionNote === "" ? null : row.sessionNote,
    signals: turn.signals ?? [],
    ...suggested,
  };
}

/** Options that shape a per-turn row (the filters choose the turns). */
export interface RowOptions {
  /** `messages`: keep the agent's own final answer even where the person corrected it. */
  original: boolean;
  /** Add each turn's `suggested_labels` (turns and messages formats; docs/export-format.md). */
  suggested: boolean;
}

/**
 * One output line for a turn in a per-turn format, or null when the format cannot represent the turn. The
 * export filter (`toExportOptions`) already leaves such turns out; this stays the guard for other callers.
 */
export function formatTurn(format: TurnFormat, line: TurnLine, options: RowOptions): object | null {
  if (format === "turns") return line;
  // Without the prompt text there is nothing to train on; without any agent output, no completion.
  if (line.prompt === null) return null;
  const prompt = line.prompt;
  if (format === "messages") {
    return {
      schema: MESSAGES_SCHEMA,
      session_id: line.session_id,
      turn_id: line.turn_id,
      model: line.model,
      label: line.label,
      reasons: line.reasons,
      note: line.note,
      corrected: !options.original && line.correction !== null,
      signals: line.signals,
      ...(line.suggested_labels ? { suggested_labels: line.suggested_labels } : {}),
      messages: [...promptMessages({ ...line, prompt }), ...assistantMessages(line, !options.original)],
    };
  }
  const completion = assistantMessages(line, false);
  if (line.label === null || completion.length === 0) return null;
  return {
    prompt: promptMessages({ ...line, prompt }),
    completion,
    label: line.label === "good",
    reasons: line.reasons,
  };
}
