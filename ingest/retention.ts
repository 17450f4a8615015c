// Retention (TRACEMARK_RETENTION_DAYS): drops index rows and archive segments older than N days. Sessions
// with a label are kept with their records — and so are the segments those records came from — unless
// TRACEMARK_RETENTION_DROP_LABELED is set. Off (0) by default: nothing is ever deleted unless asked.
import type { Store } from "@/db/store";
import { deleteRowsBefore, deleteSegmentsByName, listSegmentsInUse } from "@/db/queries/retention";
import { SIGNALS, utcDay } from "./archive/layout";
import type { ArchiveSource } from "./archive/store";

export interface RetentionReport {
  sessions: number;
  records: number;
  segments: string[];
  keptSessions: string[];
}

const DAY_MS = 86_400_000;

export async function applyRetention(options: {
  store: Store;
  archive: ArchiveSource;
  days: number;
  keepLabeled: boolean;
  /** Segments being written to: never deleted. */
  openSegments: Set<string>;
  now?: number;
}): Promise<RetentionReport> {
  const cutoffMs = (options.now ?? Date.now()) - options.days * DAY_MS;
  const cutoffDay = utcDay(cutoffMs);
  const rows = await deleteRowsBefore({ store: options.store, cutoffMs, keepLabeled: options.keepLabeled });
  // A segment closes at the end of the UTC day it was opened, so one from before the cutoff's day holds
  // only requests received before the cutoff.
  const listed = await Promise.all(SIGNALS.map((signal) => options.archive.listSegments(signal)));
  const old = listed
    .flat()
    .filter((ref) => ref.day < cutoffDay && !options.openSegments.has(ref.name))
    .map((ref) => ref.name);
  const inUse = await listSegmentsInUse({ store: options.store, segments: old });
  const doomed = old.filter((name) => !inUse.has(name));
  for (const name of doomed) await options.archive.deleteSegment(name);
  await deleteSegmentsByName({ store: options.store, segments: doomed });
  return {
    sessions: rows.sessions,
    records: rows.records,
    segments: doomed,
    keptSessions: rows.keptSessions,
  };
}
