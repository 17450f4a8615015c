// The contract every client module implements (every fact about one client: how it is recognized, which
// attributes name its sessions, its name, colour and connect snippets, how its records become turns) and the
// parts of a turn that are the same for every client: ordering, time span, trace ids, record ids, TTFT.
import { nsToMs, type Attrs, type TelemetryRecord } from "@/db/telemetry";
import type { NativeEventReader } from "@/lib/sessions/signals";
import type { ClientId } from "@/lib/shared/clients";
import type { ApiCall, ToolCall, ToolView, TurnData } from "@/lib/shared/views";
import { compareNs, endNs } from "./common";
import type { ConnectGuide, Endpoints } from "./connect";
import type { SessionRecords } from "./records";
import type { TranscriptFormat } from "./transcript";

/** One turn's records before they are interpreted. */
export interface TurnSlice {
  /** The client's natural turn key (README: trace id, prompt.id, prompt_id, invoke_agent span id). */
  key: string;
  /** When the prompt happened: turns are numbered in this order. */
  promptNs: string;
  /** Sorted like SessionRecords.all. */
  records: TelemetryRecord[];
}

/** Everything in a TurnData that the client decides; the rest is derived from the slice. A client that
 * states a turn's time to first token itself gives `ttft_ms`; otherwise it is derived (firstResponseMs). A
 * client that reports no in-between messages leaves `messages` out: the final answer is then the only one. */
export type TurnContent = Omit<
  TurnData,
  | "key"
  | "index"
  | "started_at"
  | "ended_at"
  | "trace_ids"
  | "record_ids"
  | "ttft_ms"
  | "messages"
  | "intermediate_messages"
  | "signals"
  | "suggested_labels"
  | "helper_input_tokens"
  | "helper_output_tokens"
  | "extra"
> & { ttft_ms?: number | null; extra?: TurnData["extra"] } & Partial<
    Pick<TurnData, "messages" | "intermediate_messages">
  >;

export type Slicing = { turns: TurnSlice[] } | { excluded: string };

/** A metric that reports usage: tokens split by a type attribute ("input" / "output"), or cost in USD. */
export interface UsageMetric {
  name: string;
  kind: "tokens" | "cost";
  /** tokens: the attribute naming the token type. */
  typeAttribute?: string;
}

export interface ClientAdapter {
  id: ClientId;
  /** The client's product name (Connect page, badge titles). */
  name: string;
  /** Tailwind classes of the client's badge, written out whole so Tailwind's source scan finds them. */
  tone: string;
  /** The client sends metrics only (no session id, no events): it never has sessions; the UI says so. */
  metricsOnly?: boolean;
  /** Usage metrics counted in the Overview for sources without sessions (docs/overview.md). */
  usageMetrics?: readonly UsageMetric[];
  /** Whether a resource `service.name` identifies this client. */
  matchesService(serviceName: string): boolean;
  /** Attributes whose value names a session (record attributes win over resource ones; lib/adapters
   * registry.ts merges every client's list into the one rule the indexer applies to every record). */
  sessionKeys: readonly string[];
  /** Keyless records that no keyed record's trace claims form a session of their own trace (clients with no
   * session id at all). lib/adapters/membership.ts. */
  traceIsSession?: boolean;
  /** Where the client keeps its own transcripts and how to read them (docs/sessions.md "Transcripts"). */
  transcript?: TranscriptFormat;
  /** The configuration that sends this client's telemetry here (Connect page); absent for generic sources. */
  connect?(endpoints: Endpoints): ConnectGuide;
  clientVersion(resource: Attrs): string | null;
  /** Splits a session into turns, or says why the session is not one (README "Excluded"). */
  sliceTurns(records: SessionRecords, sessionId: string): Slicing;
  /**
   * The turn a record names by itself (Claude `prompt.id`, Gemini `prompt_id`), null when it names none.
   * Declared only by a client whose sliceTurns is `sliceByRecordKey(anchors, records.all, turnKeyOf)` with
   * each anchor taken from a record of its own key: then a turn depends only on the records of its key and
   * of the traces those share, which is what lets a session be built incrementally (lib/sessions
   * incremental.ts). Absent: every build of the client's sessions is a full one.
   */
  turnKeyOf?: (record: TelemetryRecord) => string | null;
  describeTurn(slice: TurnSlice): TurnContent;
  /** Reads one of the client's tool calls as an edit or a shell command (tool-views.ts); null otherwise. */
  readTool?(call: ToolCall): ToolView | null;
  /** The client's interrupt and feedback records, for turn signals and suggested labels (absent: none). */
  nativeEvents?: NativeEventReader;
}

/** A turn anchor: its key and prompt time. */
export interface TurnAnchor {
  key: string;
  promptNs: string;
}

/**
 * Builds slices from anchors and a record → turn key assignment, in prompt order (ties by key). Records keep
 * their sorted order; a record assigned to no anchor belongs to the session only.
 */
export function sliceRecords(
  anchors: TurnAnchor[],
  records: readonly TelemetryRecord[],
  assign: (record: TelemetryRecord) => string | null,
): TurnSlice[] {
  const slices = new Map<string, TurnSlice>();
  for (const anchor of anchors) {
    if (!slices.has(anchor.key)) slices.set(anchor.key, { ...anchor, records: [] });
  }
  for (const record of records) {
    const key = assign(record);
    if (key !== null) slices.get(key)?.records.push(record);
  }
  return [...slices.values()].sort(
    (a, b) => compareNs(a.promptNs, b.promptNs) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}

/**
 * Slices for clients whose records carry the turn's key (Claude `prompt.id`, Gemini `prompt_id`): a keyed
 * record goes to its turn; a keyless one (a span, a finishing event) follows the trace of its turn's keyed
 * records, the earliest prompt winning a trace shared by several.
 */
export function sliceByRecordKey(
  anchors: TurnAnchor[],
  records: readonly TelemetryRecord[],
  keyOf: (record: TelemetryRecord) => string | null,
): TurnSlice[] {
  const promptNs = new Map<string, string>();
  for (const anchor of anchors) if (!promptNs.has(anchor.key)) promptNs.set(anchor.key, anchor.promptNs);
  const traceTurn = new Map<string, string>();
  for (const record of records) {
    const key = keyOf(record);
    if (!record.traceId || key === null || !promptNs.has(key)) continue;
    const owner = traceTurn.get(record.traceId);
    if (owner === undefined || compareNs(promptNs.get(key)!, promptNs.get(owner)!) < 0)
      traceTurn.set(record.traceId, key);
  }
  return sliceRecords(anchors, records, (record) => {
    const key = keyOf(record);
    if (key !== null) return promptNs.has(key) ? key : null;
    return record.traceId ? (traceTurn.get(record.traceId) ?? null) : null;
  });
}

/**
 * Time from the turn's start to the end of its first successful call to the turn's own model (router and
 * helper models skipped): the first complete response, an upper bound on TTFT. docs/overview.md.
 */
function firstResponseMs(content: TurnContent, startedAt: number | null): number | null {
  if (startedAt === null) return null;
  let first: number | null = null;
  for (const call of content.api_calls) {
    if (!call.success || call.started_at === null || call.duration_ms === null) continue;
    if (call.model !== null && content.model !== null && call.model !== content.model) continue;
    const end = call.started_at + call.duration_ms;
    if (first === null || end < first) first = end;
  }
  return first === null ? null : first - startedAt;
}

export function assembleTurn(slice: TurnSlice, index: number, content: TurnContent): TurnData {
  const recordIds: TurnData["record_ids"] = { logs: [], traces: [], metrics: [] };
  const traceIds: string[] = [];
  const seenTraces = new Set<string>();
  let first: string | null = null;
  let last: string | null = null;
  for (const record of slice.records) {
    recordIds[record.signal].push(record.id);
    if (record.traceId && !seenTraces.has(record.traceId)) {
      seenTraces.add(record.traceId);
      traceIds.push(record.traceId);
    }
    if (first === null || compareNs(record.timeNs, first) < 0) first = record.timeNs;
    const end = endNs(record);
    if (last === null || compareNs(end, last) > 0) last = end;
  }
  for (const ids of Object.values(recordIds)) ids.sort((a, b) => a - b);
  const startedAt = nsToMs(first);
  const helpers = content.api_calls.filter((call) => call.helper !== null);
  return {
    key: slice.key,
    index,
    ...content,
    messages: content.messages ?? finalOnly(content.response),
    intermediate_messages: content.intermediate_messages ?? false,
    ttft_ms: content.ttft_ms ?? firstResponseMs(content, startedAt),
    helper_input_tokens: helpers.reduce((total, call) => total + call.input_tokens, 0),
    helper_output_tokens: helpers.reduce((total, call) => total + call.output_tokens, 0),
    extra: content.extra ?? null,
    started_at: startedAt,
    ended_at: nsToMs(last),
    trace_ids: traceIds,
    record_ids: recordIds,
    signals: [],
    suggested_labels: [],
  };
}

/** The messages of a client that logs only the final answer. */
export const finalOnly = (response: string | null): TurnData["messages"] =>
  response === null ? [] : [{ text: response, at: null }];

/** A ToolCall with nulls for what the client did not report. */
export function toolCall({ name, ...fields }: Partial<ToolCall> & Pick<ToolCall, "name">): ToolCall {
  return {
    name,
    call_id: null,
    arguments: null,
    output: null,
    success: null,
    exit_code: null,
    duration_ms: null,
    decision: null,
    started_at: null,
    span_id: null,
    helper: null,
    file_change: null,
    ...fields,
  };
}

/** An ApiCall with neutral defaults (no tokens, no error) for what the client did not report. */
export function apiCall(fields: Partial<ApiCall>): ApiCall {
  return {
    model: null,
    started_at: null,
    duration_ms: null,
    input_tokens: 0,
    output_tokens: 0,
    cached_input_tokens: 0,
    reasoning_tokens: 0,
    cost_usd: null,
    status_code: null,
    error: null,
    success: true,
    helper: null,
    ...fields,
  };
}

/** A tool call seen as its permission decision and/or its result, joined by the client's call id. */
export interface ToolEvents {
  decision: TelemetryRecord | null;
  result: TelemetryRecord | null;
}

/** Joins decisions and results by `idKey`, in call order (the first of the two); unpaired ones stand alone. */
export function joinToolEvents(
  decisions: readonly TelemetryRecord[],
  results: readonly TelemetryRecord[],
  idOf: (record: TelemetryRecord) => string | null,
): ToolEvents[] {
  const calls: (ToolEvents & { at: string })[] = [];
  const byId = new Map<string, ToolEvents & { at: string }>();
  const add = (record: TelemetryRecord, side: keyof ToolEvents): void => {
    const id = idOf(record);
    const existing = id !== null ? byId.get(id) : undefined;
    if (existing && existing[side] === null) {
      existing[side] = record;
      if (compareNs(record.timeNs, existing.at) < 0) existing.at = record.timeNs;
      return;
    }
    const call = { decision: null, result: null, [side]: record, at: record.timeNs };
    calls.push(call);
    if (id !== null && !existing) byId.set(id, call);
  };
  for (const record of decisions) add(record, "decision");
  for (const record of results) add(record, "result");
  return calls.sort((a, b) => compareNs(a.at, b.at));
}
