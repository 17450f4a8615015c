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

/**
 * A tool call read the way its client's tool means it (lib/adapters/tool-views.ts), for the session view:
 * a file edit (the file before/after the change, or a patch the client sent as text) or a shell command.
 */
export type ToolView =
  | { kind: "edit"; path: string | null; before: string; after: string }
  | { kind: "patch"; path: string | null; patch: string }
  | { kind: "shell"; command: string; exit_code: number | null; output: string | null };

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

/** A text message the assistant wrote during a turn (the last one is the turn's `response`). */
export interface AssistantMessage {
  text: string;
  /** When the model started writing it (epoch ms), null when unknown: it sorts between the tool calls. */
  at: number | null;
}

export interface TurnData {
  /** The client's natural key for the turn (trace id, prompt.id, prompt_id, invoke_agent span id). */
  key: string;
  index: number;
  prompt: string | null;
  prompt_redacted: boolean;
  response: string | null;
  /** Every assistant message of the turn in order; clients that log only the final answer give just that. */
  messages: AssistantMessage[];
  /** Whether the client reports the messages written between tool calls (false: only the final answer). */
  intermediate_messages: boolean;
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
