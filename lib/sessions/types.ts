// The domain shape of a session and its turns, as built by a client adapter and served by the API.
// Field names follow ../shared/fixtures/otlp/README.md and expected.json where they exist there.

export type ClientId = "codex" | "claude-code" | "gemini-cli" | "copilot-cli" | "generic";
export type Decision = "accept" | "reject" | null;

export interface ToolCall {
  name: string;
  call_id: string | null;
  /** Arguments as the client logged them (a JSON string or plain text), null when not logged. */
  arguments: string | null;
  output: string | null;
  success: boolean | null;
  /** Only when the telemetry states it (see fixtures README). */
  exit_code: number | null;
  duration_ms: number | null;
  decision: Decision;
  started_at: number | null; // epoch ms
  /** Span id when the call has a span (for the waterfall). */
  span_id: string | null;
}

export interface ApiCall {
  model: string | null;
  started_at: number | null;
  duration_ms: number | null;
  input_tokens: number;
  output_tokens: number;
  cached_input_tokens: number;
  reasoning_tokens: number;
  cost_usd: number | null;
  status_code: number | null;
  /** Error text for a failed attempt; null on success. */
  error: string | null;
  success: boolean;
}

export interface TurnData {
  /** The client's natural key for the turn (trace id, prompt.id, prompt_id, invoke_agent span id). */
  key: string;
  index: number;
  prompt: string | null;
  prompt_redacted: boolean;
  response: string | null;
  model: string | null;
  tool_calls: ToolCall[];
  api_calls: ApiCall[];
  /** Failed model API attempts (fixtures README "api_errors"). */
  api_errors: number;
  input_tokens: number;
  output_tokens: number;
  cached_input_tokens: number;
  reasoning_tokens: number;
  cost_usd: number | null;
  started_at: number | null; // epoch ms
  ended_at: number | null;
  trace_ids: string[];
  /** Index ids of the records this turn was built from, per signal (for "raw records"). */
  record_ids: { logs: number[]; traces: number[]; metrics: number[] };
  /** What the telemetry says went wrong (lib/sessions/signals.ts, docs/api.md "Signals"). */
  signals: TurnSignal[];
  /** Labels suggested by the agent or an evaluator, never a person's (docs/api.md "Suggested labels"). */
  suggested_labels: SuggestedLabel[];
}

/** The kinds of turn signals, in the order the UI shows them. */
export const SIGNAL_KINDS = [
  "interrupted",
  "tool_rejected",
  "tool_failed",
  "check_failed",
  "api_error",
  "no_answer",
  "many_steps",
  "feedback",
] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

export type TurnSignal =
  | { kind: "tool_failed"; tool: string; call_index: number; exit_code: number | null }
  | { kind: "tool_rejected"; tool: string; call_index: number }
  | { kind: "check_failed"; check: "test" | "build"; tool: string; call_index: number; exit_code: number | null }
  | { kind: "api_error"; failed_attempts: number; status_codes: number[] }
  | { kind: "interrupted"; source: string }
  | { kind: "no_answer" }
  | { kind: "many_steps"; steps: number; threshold: number }
  | { kind: "feedback"; source: string; rating: number; label: "good" | "bad" | null };

export interface SuggestedLabel {
  /** Where it came from: the record's event name (e.g. `gen_ai.evaluation.result`). */
  source: string;
  /** `gen_ai.evaluation.name`, or the feedback's own name. */
  name: string;
  /** Mapped to our vocabulary when the score says so, else null. */
  label: "good" | "bad" | null;
  score_label: string | null;
  score_value: number | null;
  explanation: string | null;
}

export interface SessionData {
  id: string;
  client: ClientId;
  client_version: string | null;
  service_name: string | null;
  started_at: number | null;
  ended_at: number | null;
  models: string[];
  turns: TurnData[];
}

export type BuildResult =
  | { kind: "session"; session: SessionData }
  | { kind: "excluded"; id: string; reason: string };
