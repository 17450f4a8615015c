// What an agent's local transcript says about a session, in one client-neutral shape that the readers
// (`<client>-transcript.ts`, one per client, beside its adapter) produce from a file's lines. Reading only:
// where the lines came from, archiving them and joining them to OTel turns are not this module's.
import type { Attrs } from "@/db/telemetry";
import type { FileChange } from "@/lib/sessions/types";

/** One thing the agent did in a turn, in transcript order. */
export type TranscriptItem =
  | { kind: "reasoning"; text: string; at: number | null }
  | {
      kind: "assistant_message";
      text: string;
      phase: "commentary" | "final_answer" | null;
      at: number | null;
    }
  | TranscriptToolCall;

export interface TranscriptToolCall {
  kind: "tool_call";
  /** When the call was written (epoch ms); null where the line has no time. */
  at: number | null;
  call_id: string;
  name: string;
  /** As the model sent them: a JSON string (Codex) or the JSON of the client's argument object. */
  arguments: string;
  /** The full output the model got back; null while the call has no result yet. */
  output: string | null;
  success: boolean | null;
  /** Only where the transcript states one. */
  exit_code: number | null;
  /** A file the call changed, where the transcript carries its contents (Claude Code Edit/Write). */
  file_change: FileChange | null;
}

export interface TranscriptTokens {
  /** Model responses the totals were summed over. */
  responses: number;
  input_tokens: number;
  output_tokens: number;
  cached_input_tokens: number;
  reasoning_tokens: number;
}

export interface TranscriptTurn {
  /** The client's join key to its OTel turn (docs/sessions.md "Transcripts"). */
  join_key: string;
  /** The transcript's own id of the turn. */
  turn_id: string;
  started_at: number | null; // epoch ms
  prompt: string;
  model: string | null;
  items: TranscriptItem[];
  final_answer: string | null;
  tokens: TranscriptTokens;
}

export interface TranscriptSession {
  session_id: string;
  client_version: string | null;
  cwd: string | null;
  turns: TranscriptTurn[];
}

/** Where a client keeps its transcripts and how to read one: a client adapter's `transcript`. */
export interface TranscriptFormat {
  /** The location under a HOME-like root, as the README and the Connect page name it. */
  glob: string;
  /** Whether a path relative to the root (with `/` separators) is one of this client's transcripts. */
  path: RegExp;
  read(lines: readonly string[]): TranscriptSession | null;
}

/** A JSON object line, or null for anything else (blank, torn, not an object): readers skip those. */
export function parseLine(line: string): Record<string, unknown> | null {
  if (line.trim() === "") return null;
  try {
    const value: unknown = JSON.parse(line);
    return isObject(value) ? value : null;
  } catch {
    return null;
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `value[key]` as an object ({} when absent or not one): lets readers walk optional nesting. */
export function obj(value: unknown, key: string): Record<string, unknown> {
  const child = isObject(value) ? value[key] : undefined;
  return isObject(child) ? child : {};
}

export function text(value: unknown, key: string): string | null {
  const child = isObject(value) ? value[key] : undefined;
  return typeof child === "string" ? child : null;
}

export function count(value: unknown, key: string): number {
  const child = isObject(value) ? value[key] : undefined;
  return typeof child === "number" && Number.isFinite(child) ? child : 0;
}

export function list(value: unknown, key: string): unknown[] {
  const child = isObject(value) ? value[key] : undefined;
  return Array.isArray(child) ? child : [];
}

export function timeMs(iso: string | null): number | null {
  if (iso === null) return null;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : null;
}

export function emptyTokens(): TranscriptTokens {
  return { responses: 0, input_tokens: 0, output_tokens: 0, cached_input_tokens: 0, reasoning_tokens: 0 };
}

/** Arguments as text: strings stay as sent, objects become their JSON. */
export function argumentsText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value ?? null);
}

/** A tool call as the model made it; its result, status and file change are filled in when they are read. */
export function transcriptToolCall(
  call: Pick<TranscriptToolCall, "at" | "call_id" | "name" | "arguments">,
): TranscriptToolCall {
  return { kind: "tool_call", ...call, output: null, success: null, exit_code: null, file_change: null };
}

/** The last assistant message of a turn's items: the answer, where the client does not name it. */
export function lastAssistantText(items: readonly TranscriptItem[]): string | null {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (item?.kind === "assistant_message") return item.text;
  }
  return null;
}

// How transcript lines travel as telemetry: each line is one OTLP log record (body = the line exactly as
// read) of a resource that names the file, so they are archived, indexed and grouped like any record and a
// session stays a pure function of its records. lib/transcripts writes them; buildSession reads them back.
export const TRANSCRIPT_SERVICE = "tracemark-transcripts";
export const TRANSCRIPT_CLIENT_ATTR = "tracemark.transcript.client";
export const TRANSCRIPT_FILE_ATTR = "tracemark.transcript.file";
/** Byte offsets of the line in its file: where it starts and where the next one does. */
export const TRANSCRIPT_OFFSET_ATTR = "tracemark.transcript.offset";
export const TRANSCRIPT_END_ATTR = "tracemark.transcript.end";

/** The client a transcript line's resource names; null for every other resource. */
export function transcriptClientOf(resource: Attrs): string | null {
  if (resource["service.name"] !== TRANSCRIPT_SERVICE) return null;
  const client = resource[TRANSCRIPT_CLIENT_ATTR];
  return typeof client === "string" && client !== "" ? client : null;
}
