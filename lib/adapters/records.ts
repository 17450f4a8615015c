// A session's records made order-independent: duplicates dropped, sorted by time with a content tiebreak (never
// the index id), and indexed once by trace so adapters never scan the whole session per turn.
import type { TelemetryRecord } from "@/db/telemetry";
import { compareNs, eventName, groupBy } from "./common";

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
  identity: string;
  sequence: number;
}

/**
 * What makes two records "the same record": a span is identified by trace + span id (OTLP guarantees it);
 * a log or metric point by its content (an exporter retry re-sends identical content).
 */
function identityOf(record: TelemetryRecord): string {
  if (record.signal === "traces" && record.traceId && record.spanId) {
    return `t|${record.traceId}|${record.spanId}`;
  }
  return [
    record.signal,
    record.timeNs,
    record.observedTimeNs ?? "",
    record.name,
    record.traceId ?? "",
    record.spanId ?? "",
    JSON.stringify(record.attrs),
    JSON.stringify(record.body),
  ].join("|");
}

function compareKeyed(a: Keyed, b: Keyed): number {
  return (
    compareNs(a.record.timeNs, b.record.timeNs) ||
    a.sequence - b.sequence ||
    (a.identity < b.identity ? -1 : a.identity > b.identity ? 1 : 0)
  );
}

/** Drops duplicate records (keeping the lowest id) and sorts deterministically. */
export function normalizeRecords(records: readonly TelemetryRecord[]): TelemetryRecord[] {
  const unique = new Map<string, Keyed>();
  for (const record of records) {
    const identity = identityOf(record);
    const seen = unique.get(identity);
    if (seen && seen.record.id <= record.id) continue;
    // Claude Code numbers its events per process; only a tiebreak between records of the same millisecond.
    const sequence = typeof record.attrs["event.sequence"] === "number" ? record.attrs["event.sequence"] : -1;
    unique.set(identity, { record, identity, sequence });
  }
  return [...unique.values()].sort(compareKeyed).map((keyed) => keyed.record);
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
