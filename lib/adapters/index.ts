// Client adapters: buildSession, a pure function of a session's records, and the registry's facts the rest
// of tracemark asks for (registry.ts: which client, session keys, connect guides; membership.ts: which session
// a record belongs to). Storage lives in lib/sessions.
import { nsToMs, type Attrs, type TelemetryRecord } from "@/db/telemetry";
import { turnSignals } from "@/lib/sessions/signals";
import { linkJudgements } from "@/lib/sessions/suggestions";
import type { BuildResult, SessionData, ToolCall, ToolView, TurnData } from "@/lib/sessions/types";
import { assembleTurn, type ClientAdapter, type TurnSlice } from "./adapter";
import { compareNs, endNs, eventName, str } from "./common";
import { indexSessionRecords } from "./records";
import { joinTranscript } from "./transcript-join";
import { isTranscriptRecord, readSessionTranscript } from "./transcript-records";
import { adapterOf, CLIENT_ADAPTERS, GENERIC_ADAPTER as generic } from "./registry";
import { continuationOf, type BuildFacts } from "./incremental";

export {
  CLIENT_ADAPTERS,
  clientOf,
  connectGuides,
  GENERIC_ADAPTER,
  isMetricsOnlyClient,
  SESSION_KEY_ATTRIBUTES,
  sessionKeyOf,
  usageMetrics,
} from "./registry";
export { groupRecordsBySession, sessionsOfRecord, traceIsSession } from "./membership";
export type { ClientGuide, Endpoints, Snippet, SnippetFormat } from "./connect";
export { compareNs } from "./common";
export {
  continueWith,
  sliceRegion,
  type BuildFacts,
  type Continuation,
  type StoredClient,
} from "./incremental";

/** A stored tool call of `client` read as an edit or shell command, for the session view. */
export function toolViewOf(client: string, call: ToolCall): ToolView | null {
  // A file change a transcript carries is the file itself, before and after: nothing to reconstruct.
  const change = call.file_change;
  if (change) return { kind: "edit", path: change.path, before: change.before ?? "", after: change.after };
  const adapter = CLIENT_ADAPTERS.find((candidate) => candidate.id === client);
  return adapter?.readTool?.(call) ?? null;
}

/** The session's client: the first record (in time order) from a known client, else generic. */
function sessionClient(records: readonly TelemetryRecord[]): {
  adapter: ClientAdapter;
  resource: Attrs | null;
  /** The time of the record that named the client. */
  atNs: string | null;
} {
  for (const record of records) {
    const adapter = adapterOf(record.resource);
    if (adapter !== generic) return { adapter, resource: record.resource, atNs: record.timeNs };
  }
  return { adapter: generic, resource: records[0]?.resource ?? null, atNs: records[0]?.timeNs ?? null };
}

/**
 * A session from its records: turns from the telemetry, joined with what the session's transcript lines say
 * (lib/adapters/transcript-join.ts); a session known only from its transcript is built from that alone. Signals
 * and suggested labels are derived last, from the joined turns (a transcript can say a tool failed).
 */
export function buildSession(sessionId: string, records: readonly TelemetryRecord[]): BuildResult {
  return buildSessionWithFacts(sessionId, records).result;
}

/** A full build, and what an incremental build of the same session needs to continue from it. */
export function buildSessionWithFacts(
  sessionId: string,
  records: readonly TelemetryRecord[],
  keyed: (record: TelemetryRecord) => boolean = () => true,
): { result: BuildResult; facts: BuildFacts } {
  const result = buildFull(sessionId, records);
  const built = result.built;
  const facts: BuildFacts =
    built.kind === "telemetry"
      ? {
          adapter: built.adapter,
          promptNs: new Map(built.slices.map((slice) => [slice.key, slice.promptNs])),
          continuation:
            result.result.kind === "session"
              ? continuationOf(built.adapter, records, built.records, built.clientNs, keyed)
              : null,
        }
      : { adapter: null, promptNs: new Map(), continuation: null };
  return { result: result.result, facts };
}

function buildFull(
  sessionId: string,
  records: readonly TelemetryRecord[],
): { built: TelemetryBuild; result: BuildResult } {
  const telemetry = records.filter((record) => !isTranscriptRecord(record));
  const transcript = readSessionTranscript(records);
  const built = buildFromTelemetry(sessionId, telemetry);
  const hasTranscript = transcript !== null && transcript.session.turns.length > 0;
  if (built.kind === "excluded" && !hasTranscript) return { built, result: built };
  const adapter =
    built.kind === "telemetry"
      ? built.adapter
      : (CLIENT_ADAPTERS.find((a) => a.id === transcript!.client) ?? generic);
  const base: SessionData =
    built.kind === "telemetry"
      ? built.session
      : {
          id: sessionId,
          client: adapter.id,
          client_version: transcript!.session.client_version,
          service_name: null,
          started_at: null,
          ended_at: null,
          models: [],
          turns: [],
        };
  const joined = hasTranscript ? joinTranscript(base.turns, transcript.session) : base.turns;
  const slices =
    built.kind === "telemetry"
      ? new Map(built.slices.map((slice) => [slice.key, slice.records]))
      : new Map<string, TelemetryRecord[]>();
  const turns = withSignals(
    joined,
    (turn) => slices.get(turn.key) ?? [],
    built.kind === "telemetry" ? built.records : [],
    adapter,
  );
  const span = spanOfTurns(turns);
  const started = [base.started_at, span.started_at].filter((at): at is number => at !== null);
  const ended = [base.ended_at, span.ended_at].filter((at): at is number => at !== null);
  const session: SessionData = {
    ...base,
    started_at: started.length > 0 ? Math.min(...started) : null,
    ended_at: ended.length > 0 ? Math.max(...ended) : null,
    models: modelsOf(turns),
    turns,
  };
  return { built, result: { kind: "session", session } };
}

function modelsOf(turns: readonly TurnData[]): string[] {
  return [...new Set(turns.map((turn) => turn.model).filter((model) => model !== null))];
}

/** A joined session spans its turns too (transcript-only turns carry their own times). */
function spanOfTurns(turns: readonly TurnData[]): Pick<SessionData, "started_at" | "ended_at"> {
  const starts = turns.map((turn) => turn.started_at).filter((at): at is number => at !== null);
  const ends = turns
    .map((turn) => turn.ended_at ?? turn.started_at)
    .filter((at): at is number => at !== null);
  return {
    started_at: starts.length > 0 ? Math.min(...starts) : null,
    ended_at: ends.length > 0 ? Math.max(...ends) : null,
  };
}

type TelemetryBuild =
  | {
      kind: "telemetry";
      session: SessionData;
      slices: TurnSlice[];
      records: TelemetryRecord[];
      adapter: ClientAdapter;
      clientNs: string | null;
    }
  | { kind: "excluded"; id: string; reason: string };

function buildFromTelemetry(sessionId: string, records: readonly TelemetryRecord[]): TelemetryBuild {
  if (records.length === 0) return { kind: "excluded", id: sessionId, reason: "no records" };
  const indexed = indexSessionRecords(records);
  const { adapter, resource, atNs } = sessionClient(indexed.all);
  const slicing = adapter.sliceTurns(indexed, sessionId);
  if ("excluded" in slicing) return { kind: "excluded", id: sessionId, reason: slicing.excluded };
  // README "A session is kept only if it has at least one turn".
  if (slicing.turns.length === 0)
    return { kind: "excluded", id: sessionId, reason: noPromptReason(indexed.all) };
  const turns = slicing.turns.map((slice, index) => assembleTurn(slice, index, adapter.describeTurn(slice)));
  const session: SessionData = {
    id: sessionId,
    client: adapter.id,
    client_version: resource ? adapter.clientVersion(resource) : null,
    service_name: resource ? str(resource, "service.name") : null,
    ...sessionSpan(indexed.all),
    models: modelsOf(turns),
    turns,
  };
  return { kind: "telemetry", session, slices: slicing.turns, records: indexed.all, adapter, clientNs: atNs };
}

/** Signals and suggested labels of each turn (lib/sessions/signals.ts, suggestions.ts), from the client's facts. */
function withSignals(
  turns: TurnData[],
  recordsOf: (turn: TurnData) => TelemetryRecord[],
  records: readonly TelemetryRecord[],
  adapter: ClientAdapter,
  answersLogged = turns.some((turn) => turn.response !== null),
): TurnData[] {
  const reader = adapter.nativeEvents ?? {};
  const targets = turns.map((turn) => ({ turn, records: recordsOf(turn) }));
  const judgements = linkJudgements(targets, records, reader);
  return turns.map((turn, i) => {
    const linked = judgements[i] ?? { feedback: [], suggestions: [] };
    const signals = turnSignals(turn, targets[i]?.records ?? [], reader, {
      answersLogged,
      feedback: linked.feedback,
    });
    return { ...turn, signals, suggested_labels: linked.suggestions };
  });
}

/**
 * Some turns of a session from their slices (lib/sessions/incremental.ts), numbered from `firstIndex`, exactly as
 * a full build derives them: assembled, described, then signals, given the session-wide `answersLogged`
 * (a function: it is decided from these turns and the stored ones). The records hold no judging records
 * (incremental.ts falls back to a full build otherwise), so no turn has feedback or suggestions.
 */
export function deriveTurns(
  adapter: ClientAdapter,
  slices: readonly TurnSlice[],
  firstIndex: number,
  answersLogged: (turns: readonly TurnData[]) => boolean,
): TurnData[] {
  const turns = slices.map((slice, i) => assembleTurn(slice, firstIndex + i, adapter.describeTurn(slice)));
  const records = new Map(slices.map((slice) => [slice.key, slice.records]));
  return withSignals(turns, (turn) => records.get(turn.key) ?? [], [], adapter, answersLogged(turns));
}

/** First and last activity from logs and spans (metric points are export times, not activity). */
function sessionSpan(records: readonly TelemetryRecord[]): Pick<SessionData, "started_at" | "ended_at"> {
  const activity = records.filter((record) => record.signal !== "metrics");
  let first: string | null = null;
  let last: string | null = null;
  for (const record of activity.length > 0 ? activity : records) {
    if (first === null || compareNs(record.timeNs, first) < 0) first = record.timeNs;
    if (last === null || compareNs(endNs(record), last) > 0) last = endNs(record);
  }
  return { started_at: nsToMs(first), ended_at: nsToMs(last) };
}

/** README "Session ids that carry no user prompt at all": say what the id was seen on. */
function noPromptReason(records: readonly TelemetryRecord[]): string {
  const names = { logs: new Set<string>(), traces: new Set<string>(), metrics: new Set<string>() };
  const counts = { logs: 0, traces: 0, metrics: 0 };
  for (const record of records) {
    names[record.signal].add(eventName(record));
    counts[record.signal]++;
  }
  const list = (set: Set<string>): string => [...set].sort().slice(0, 8).join(", ");
  const parts = [
    counts.logs > 0 ? `${counts.logs} log record(s): ${list(names.logs)}` : null,
    counts.traces > 0 ? `${counts.traces} span(s): ${list(names.traces)}` : null,
    counts.metrics > 0 ? `metric data points: ${list(names.metrics)}` : null,
  ].filter((part) => part !== null);
  return `session id with no user prompt [${parts.join("; ")}]`;
}
