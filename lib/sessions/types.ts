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
  /** The file the call changed, where a transcript carries its contents. */
  file_change: FileChange | null;
}

export interface FileChange {
  path: string;
  /** The file before the call; null for a file the call created. */
  before: string | null;
  after: string;
}

export type FieldSource = "otel" | "transcript";

/** Which sides told us about a turn, and the fields the transcript filled in (docs/sessions.md). */
export interface TurnSources {
  otel: boolean;
  transcript: boolean;
  fields: Record<string, FieldSource>;
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
  /** Absent on turns built from telemetry alone. */
  sources?: TurnSources;
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
