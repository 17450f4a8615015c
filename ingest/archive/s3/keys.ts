// How a bucket archive names its objects (docs/archive-format.md "In a bucket"). Keys are relative to the
// TRACEMARK_ARCHIVE_URL prefix. A segment's name (what the index stores) is `<signal>/<day>/<seq>-<replica>`:
//   <signal>/<day>/<seq>-<replica>.jsonl.zst                          a closed segment: one zstd frame
//   pending/<replica>/<signal>/<day>/<seq>/<first line>.jsonl.zst     one group commit of the open segment
import type { Signal } from "@/db/telemetry";
import { ZSTD_EXT } from "../layout";
import type { SourceSegment } from "../store";

export const PENDING = "pending";
const SIGNAL_NAMES = new Set<string>(["logs", "traces", "metrics"]);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface BucketSegment extends SourceSegment {
  /** The replica that wrote it (= stream). */
  replica: string;
}

export function bucketSegment(signal: Signal, day: string, seq: number, replica: string): BucketSegment {
  const name = `${signal}/${day}/${String(seq).padStart(6, "0")}-${replica}`;
  return { name, signal, day, seq, stream: replica, replica };
}

/** The closed segment's key. */
export function segmentKey(ref: BucketSegment): string {
  return ref.name + ZSTD_EXT;
}

/** Where the pending objects of a segment are (a key prefix ending in `/`). */
export function pendingDir(ref: BucketSegment): string {
  return `${PENDING}/${ref.replica}/${ref.signal}/${ref.day}/${String(ref.seq).padStart(6, "0")}/`;
}

/** A pending object: the lines from `firstLine` on of the segment, written by one PUT (never overwritten). */
export function pendingKey(ref: BucketSegment, firstLine: number): string {
  return `${pendingDir(ref)}${String(firstLine).padStart(9, "0")}${ZSTD_EXT}`;
}

export function parseSegmentName(name: string): BucketSegment | null {
  const match = /^([a-z]+)\/([^/]+)\/(\d{6,})-([a-z0-9]+)$/.exec(name);
  if (!match || !SIGNAL_NAMES.has(match[1]!) || !DAY.test(match[2]!)) return null;
  return bucketSegment(match[1] as Signal, match[2]!, Number(match[3]), match[4]!);
}

export function parseSegmentKey(rel: string): BucketSegment | null {
  return rel.endsWith(ZSTD_EXT) ? parseSegmentName(rel.slice(0, -ZSTD_EXT.length)) : null;
}

export function parsePendingKey(rel: string): { segment: BucketSegment; firstLine: number } | null {
  const match = /^pending\/([a-z0-9]+)\/([a-z]+)\/([^/]+)\/(\d{6,})\/(\d{9,})\.jsonl\.zst$/.exec(rel);
  if (!match || !SIGNAL_NAMES.has(match[2]!) || !DAY.test(match[3]!)) return null;
  const segment = bucketSegment(match[2] as Signal, match[3]!, Number(match[4]), match[1]!);
  return { segment, firstLine: Number(match[5]) };
}
