// Where archive segments live and how they are named: <data>/archive/<signal>/<YYYY-MM-DD>/<seq>.jsonl[.zst].
// A segment's name (without extension) is stable across compression; the index stores it.
import fs from "node:fs";
import path from "node:path";
import type { Signal } from "@/db/telemetry";

export const SIGNALS: readonly Signal[] = ["logs", "traces", "metrics"];
export const PLAIN_EXT = ".jsonl";
export const ZSTD_EXT = ".jsonl.zst";

export interface SegmentRef {
  /** `<signal>/<day>/<seq>`, relative to the archive root. */
  name: string;
  signal: Signal;
  day: string;
  seq: number;
}

export function archiveRoot(dataDir: string): string {
  return path.join(dataDir, "archive");
}

export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function segmentName(signal: Signal, day: string, seq: number): string {
  return `${signal}/${day}/${String(seq).padStart(6, "0")}`;
}

function parseSegmentFile(signal: Signal, day: string, file: string): SegmentRef | null {
  const match = /^(\d{6,})\.jsonl(\.zst)?$/.exec(file);
  if (!match?.[1]) return null;
  const seq = Number(match[1]);
  return { name: segmentName(signal, day, seq), signal, day, seq };
}

/** Every segment on disk for a signal, oldest first (by sequence number, which never goes back). */
export function listSegments(root: string, signal: Signal): SegmentRef[] {
  const signalDir = path.join(root, signal);
  if (!fs.existsSync(signalDir)) return [];
  const byName = new Map<string, SegmentRef>();
  for (const day of fs.readdirSync(signalDir).sort()) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) continue;
    for (const file of fs.readdirSync(path.join(signalDir, day))) {
      const ref = parseSegmentFile(signal, day, file);
      if (ref) byName.set(ref.name, ref);
    }
  }
  return [...byName.values()].sort((a, b) => a.seq - b.seq);
}

export function plainPath(root: string, name: string): string {
  return path.join(root, name + PLAIN_EXT);
}

export function zstdPath(root: string, name: string): string {
  return path.join(root, name + ZSTD_EXT);
}
