// The shapes of sessions and turns as adapters build them and as the API serves them (docs/api.md), shared by
// server and browser. Pure types: the mapping from index rows lives in lib/sessions/read.ts.
// Field names follow ../shared/fixtures/otlp/README.md and expected.json where they exist there.
import type { ClientId } from "./clients";
import type { LabelByView, LabelValue, LabelView } from "./labels";
import type { SignalKind, SuggestedLabel, TurnSignal } from "./signals";

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
  /** Set when a helper agent made the call, not the main one (e.g. Qwen Code's "background" agent). */
  helper: string | null;
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

/**
 * A tool call read the way its client's tool means it (lib/adapters/tool-views.ts), for the session view:
 * a file edit (the file before/after the change, or a patch the client sent as text) or a shell command.
 */
export type ToolView =
  | { kind: "edit"; path: string | null; before: string; after: string }
  | { kind: "patch"; path: string | null; patch: string }
  | { kind: "shell"; command: string; exit_code: number | null; output: string | null };

/** A tool call as served: with how its client's tool reads (an edit, a shell command), when it does. */
export type ToolCallView = ToolCall & { view: ToolView | null };

/** A text message the assistant wrote during a turn (the last one is the turn's `response`). */
export interface AssistantMessage {
  text: string;
  /** When the model started writing it (epoch ms), null when unknown: it sorts between the tool calls. */
  at: number | null;
  /** A reasoning summary rather than text the agent showed (from a transcript: docs/sessions.md). */
  reasoning?: boolean;
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
  /** Set when a helper made the call, not the main agent: what it did ("title", "background", a subagent). */
  helper: string | null;
}

/** A turn as its client's adapter built it (stored as `turns.data`). */
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
  /** Time to first token as the client states it, else to the first complete response (docs/overview.md). */
  ttft_ms: number | null;
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
  /** What the telemetry says went wrong (lib/sessions/signals.ts, docs/api.md "Signals"). */
  signals: TurnSignal[];
  /** Labels suggested by the agent or an evaluator, never a person's (docs/api.md "Suggested labels"). */
  suggested_labels: SuggestedLabel[];
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

/** A row of the session list (GET /api/sessions). Times are ISO 8601 strings on the wire. */
export interface SessionSummary {
  id: string;
  client: string;
  client_version: string | null;
  service_name: string | null;
  title: string | null;
  started_at: string | null;
  ended_at: string | null;
  duration_ms: number | null;
  models: string[];
  turns: number;
  tool_calls: number;
  tool_failures: number;
  api_errors: number;
  input_tokens: number;
  output_tokens: number;
  cached_input_tokens: number;
  reasoning_tokens: number;
  cost_usd: number | null;
  /** The distinct signal kinds of the session's turns (TurnView.signals), in SIGNAL_KINDS order. */
  signals: SignalKind[];
  labeled_turns: number;
  bad_turns: number;
  /** Turns whose people gave different verdicts (docs/team.md "People"). */
  disagreements: number;
  /** Turns someone other than the person asking labeled. */
  others_labeled: number;
  label: LabelValue | null;
  /** With a search (`q`): where this session matched, first matching turn then note. */
  matches?: SearchMatch[];
}

/** A piece of a search snippet; `hit` pieces are the matched terms (shown as <mark>, always as text). */
export interface SnippetPart {
  text: string;
  hit: boolean;
}

/** Where a listed session matched the search (docs/api.md, `matches`). */
export interface SearchMatch {
  field: "prompt" | "response" | "tools" | "note";
  /** The turn that matched (the session's first matching one), or null for the session's own note. */
  turn_id: string | null;
  turn_index: number | null;
  snippet: SnippetPart[];
}

/** A turn as GET /api/sessions/{id} serves it: record ids are behind /records, TTFT behind the Overview. */
export type TurnView = Omit<TurnData, "started_at" | "ended_at" | "record_ids" | "ttft_ms" | "tool_calls"> & {
  tool_calls: ToolCallView[];
  id: string;
  session_id: string;
  started_at: string | null;
  ended_at: string | null;
  /** The label of the person asking (docs/team.md "People"). */
  label: LabelView;
  /** The other people's labels on this turn, oldest change first (empty when nobody else labeled it). */
  labels_by: LabelByView[];
  /** Whether the people who labeled this turn (the asker included) gave different verdicts. */
  disagreement: boolean;
};

export interface SessionDetail {
  session: SessionSummary & { note: string; session_label: LabelView };
  turns: TurnView[];
}

export interface SessionPage {
  sessions: SessionSummary[];
  total: number;
  /** Pass as `before` to get the next page; null on the last page. */
  next: string | null;
}

export interface SessionNeighbors {
  newer: string | null;
  older: string | null;
}

export type ReviewNext = { turn_id: string; session_id: string } | { done: true };

/** An OTLP AnyValue as plain JSON (int64 beyond 2^53 stays a decimal string, bytes are base64). */
export type RecordValue = string | number | boolean | null | RecordValue[] | { [key: string]: RecordValue };
export type RecordAttrs = Record<string, RecordValue>;

/** One raw record as GET /api/turns/{id}/records serves it (docs/api.md). Times are Unix ns strings. */
export interface RecordView {
  signal: "logs" | "traces" | "metrics";
  id: number;
  resource: RecordAttrs;
  scopeName: string | null;
  name: string;
  timeNs: string;
  observedTimeNs: string | null;
  endTimeNs: string | null;
  traceId: string | null;
  spanId: string | null;
  parentSpanId: string | null;
  attrs: RecordAttrs;
  body: RecordValue;
  statusCode: number | null;
  statusMessage: string | null;
  spanKind: number | null;
  events: { name: string; timeNs: string; attrs: RecordAttrs }[];
}

export interface TurnRecords {
  logs: RecordView[];
  traces: RecordView[];
  metrics: RecordView[];
}

/** Every order the sessions list can be sorted in (`GET /api/sessions?sort=`, docs/api.md). */
export const SESSION_SORTS = [
  "started_at",
  "duration",
  "turns",
  "tools",
  "errors",
  "tokens",
  "labeled",
] as const;
export type SessionSort = (typeof SESSION_SORTS)[number];

/** GET /api/tools: tool names with their call counts, most called first. */
export interface ToolList {
  tools: { name: string; calls: number }[];
}
