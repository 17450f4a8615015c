// A session's records made order-independent: duplicates dropped, sorted by time with a content tiebreak (never
// the index id), and indexed once by trace so adapters never scan the whole session per turn.
import type { TelemetryRecord } from "@/db/telemetry";
import { eventName, groupBy } from "./common";

export interface SessionRecords {
  /** Deduplicated, sorted by (time, event.sequence, content). */
  all: TelemetryRecord[];
  byTrace: Map<string, TelemetryRecord[]>;
  /** Log records by event name (`event.name` wins over eventName). */
  logsByEvent: Map<string, TelemetryRecord[]>;
  spans: TelemetryRecord[];
}

interface Keyed {
  record: TelemetryRecord;
  /** timeNs split into numbers (ns exceed 2^53): whole milliseconds and the nanoseconds within. */
  ms: number;
  ns: number;
  sequence: number;
  /** Identity without attributes: enough to tell almost every record apart, cheap to compare. */
  base: string;
  /** Full content, computed only for records whose time and base collide (metric points of one export,
   * same-millisecond events): attributes can be kilobytes (Gemini logs prompts and tool schemas). */
  content: string;
}

/**
 * What makes two records "the same record": a span is identified by trace + span id (OTLP guarantees it);
 * a log or metric point by its content (an exporter retry re-sends identical content).
 */
function baseOf(record: TelemetryRecord): string {
  if (record.signal === "traces" && record.traceId && record.spanId)
    return `t|${record.traceId}|${record.spanId}`;
  return `${record.signal}|${record.observedTimeNs ?? ""}|${record.name}|${record.traceId ?? ""}|${record.spanId ?? ""}`;
}

const contentOf = (record: TelemetryRecord): string =>
  `${JSON.stringify(record.attrs)}|${JSON.stringify(record.body)}`;

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Order without content: records equal here are duplicates or collisions, and end up adjacent. */
function comparePosition(a: Keyed, b: Keyed): number {
  return a.ms - b.ms || a.ns - b.ns || a.sequence - b.sequence || compareText(a.base, b.base);
}

function keyedOf(record: TelemetryRecord): Keyed {
  const time = record.timeNs;
  return {
    record,
    ms: time.length > 6 ? Number(time.slice(0, -6)) : 0,
    ns: Number(time.slice(-6)),
    // Claude Code numbers its events per process; only a tiebreak between records of the same millisecond.
    sequence: typeof record.attrs["event.sequence"] === "number" ? record.attrs["event.sequence"] : -1,
    base: baseOf(record),
    content: "",
  };
}

/** Drops duplicate records (keeping the lowest id) and sorts deterministically by (time, sequence, identity,
 * content): runs of records equal in position are the only places where content has to be compared. */
export function normalizeRecords(records: readonly TelemetryRecord[]): TelemetryRecord[] {
  const sorted = records.map(keyedOf).sort(comparePosition);
  const out: TelemetryRecord[] = [];
  for (let start = 0; start < sorted.length;) {
    let end = start + 1;
    while (end < sorted.length && comparePosition(sorted[start]!, sorted[end]!) === 0) end++;
    if (end - start === 1) out.push(sorted[start]!.record);
    else for (const record of distinctByContent(sorted.slice(start, end))) out.push(record);
    start = end;
  }
  return out;
}

/** One run of equal position: a span is identified by its ids alone; logs and points by their content. */
function distinctByContent(run: Keyed[]): TelemetryRecord[] {
  const lowestId = (a: Keyed, b: Keyed): Keyed => (b.record.id < a.record.id ? b : a);
  if (run[0]!.base.startsWith("t|")) return [run.reduce(lowestId).record];
  const byContent = new Map<string, Keyed>();
  for (const keyed of run) {
    keyed.content = contentOf(keyed.record);
    const seen = byContent.get(keyed.content);
    byContent.set(keyed.content, seen ? lowestId(seen, keyed) : keyed);
  }
  return [...byContent.values()]
    .sort((a, b) => compareText(a.content, b.content))
    .map((keyed) => keyed.record);
}

/** Log records by event name, in the given (sorted) order. */
export function eventsOf(records: readonly TelemetryRecord[]): Map<string, TelemetryRecord[]> {
  return groupBy(
    records.filter((record) => record.signal === "logs"),
    eventName,
  );
}

export function indexSessionRecords(records: readonly TelemetryRecord[]): SessionRecords {
  const all = normalizeRecords(records);
  return {
    all,
    byTrace: groupBy(all, (record) => record.traceId),
    logsByEvent: eventsOf(all),
    spans: all.filter((record) => record.signal === "traces"),
  };
}
