// Client adapters: buildSession, a pure function of a session's records, and the registry's facts the rest
// of tracemark asks for (registry.ts: which client, session keys, connect guides; membership.ts: which session
// a record belongs to). Storage lives in lib/sessions.
import { nsToMs, type Attrs, type TelemetryRecord } from "@/db/telemetry";
import type { BuildResult, SessionData, ToolCall, ToolView } from "@/lib/sessions/types";
import { assembleTurn, type ClientAdapter } from "./adapter";
import { compareNs, endNs, eventName, str } from "./common";
import { indexSessionRecords } from "./records";
import { joinTranscript } from "./transcript-join";
import { isTranscriptRecord, readSessionTranscript } from "./transcript-records";
import { adapterOf, CLIENT_ADAPTERS, GENERIC_ADAPTER as generic } from "./registry";

export { CLIENT_ADAPTERS, clientOf, connectGuides, GENERIC_ADAPTER, SESSION_KEY_ATTRIBUTES, sessionKeyOf } from "./registry";
export { groupRecordsBySession, sessionsOfRecord, traceIsSession } from "./membership";
export type { ClientGuide, Endpoints, Snippet, SnippetFormat } from "./connect";

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
} {
  for (const record of records) {
    const adapter = adapterOf(record.resource);
    if (adapter !== generic) return { adapter, resource: record.resource };
  }
  return { adapter: generic, resource: records[0]?.resource ?? null };
}

/**
 * A session from its records: turns from the telemetry, joined with what the session's transcript lines say
 * (lib/adapters/transcript-join.ts); a session known only from its transcript is built from that alone.
 */
export function buildSession(sessionId: string, records: readonly TelemetryRecord[]): BuildResult {
  const telemetry = records.filter((record) => !isTranscriptRecord(record));
  const transcript = readSessionTranscript(records);
  const built = buildFromTelemetry(sessionId, telemetry);
  if (!transcript || transcript.session.turns.length === 0) return built;
  if (built.kind === "session") {
    const turns = joinTranscript(built.session.turns, transcript.session);
    const span = spanOfTurns(turns);
    const started = [built.session.started_at, span.started_at].filter((at): at is number => at !== null);
    const ended = [built.session.ended_at, span.ended_at].filter((at): at is number => at !== null);
    return {
      kind: "session",
      session: {
        ...built.session,
        started_at: started.length > 0 ? Math.min(...started) : null,
        ended_at: ended.length > 0 ? Math.max(...ended) : null,
        models: modelsOf(turns),
        turns,
      },
    };
  }
  const adapter = CLIENT_ADAPTERS.find((candidate) => candidate.id === transcript.client) ?? generic;
  const turns = joinTranscript([], transcript.session);
  return {
    kind: "session",
    session: {
      id: sessionId,
      client: adapter.id,
      client_version: transcript.session.client_version,
      service_name: null,
      ...spanOfTurns(turns),
      models: modelsOf(turns),
      turns,
    },
  };
}

function modelsOf(turns: readonly SessionData["turns"][number][]): string[] {
  return [...new Set(turns.map((turn) => turn.model).filter((model) => model !== null))];
}

/** A joined session spans its turns too (transcript-only turns carry their own times). */
function spanOfTurns(turns: readonly SessionData["turns"][number][]): Pick<SessionData, "started_at" | "ended_at"> {
  const starts = turns.map((turn) => turn.started_at).filter((at): at is number => at !== null);
  const ends = turns.map((turn) => turn.ended_at ?? turn.started_at).filter((at): at is number => at !== null);
  return { started_at: starts.length > 0 ? Math.min(...starts) : null, ended_at: ends.length > 0 ? Math.max(...ends) : null };
}

function buildFromTelemetry(sessionId: string, records: readonly TelemetryRecord[]): BuildResult {
  if (records.length === 0) return { kind: "excluded", id: sessionId, reason: "no records" };
  const indexed = indexSessionRecords(records);
  const { adapter, resource } = sessionClient(indexed.all);
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
    models: [...new Set(turns.map((turn) => turn.model).filter((model) => model !== null))],
    turns,
  };
  return { kind: "session", session };
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
