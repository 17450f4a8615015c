// The domain shape of a session and its turns, as built by a client adapter and served by the API.
// Field names follow ../shared/fixtures/otlp/README.md and expected.json where they exist there.

export type ClientId =
  | "codex"
  | "claude-code"
  | "gemini-cli"
  | "copilot-cli"
  | "qwen-code"
  | "opencode"
  | "continue"
  | "generic";
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
  /** Set when a helper agent made the call, not the main one (e.g. Qwen Code's "auto-memory"). */
  helper: string | null;
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
  /** Set when a helper made the call, not the main agent: what it did ("title", "auto-memory", "router"). */
  helper: string | null;
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
  /** The part of input/output_tokens spent by helper calls (api_calls with `helper`): the tokens are
   * counted "with helpers", and main = total − helper. */
  helper_input_tokens: number;
  helper_output_tokens: number;
  /** Client-specific facts kept raw for later use (e.g. Qwen Code's `user_feedback` rating). */
  extra: Record<string, string | number | boolean> | null;
  started_at: number | null; // epoch ms
  ended_at: number | null;
  trace_ids: string[];
  /** Index ids of the records this turn was built from, per signal (for "raw records"). */
  record_ids: { logs: number[]; traces: number[]; metrics: number[] };
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
