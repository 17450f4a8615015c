// Startup repair of the archive after any stop, clean or not: drops half-written compressions, trims a torn
// tail (setting the bytes aside, never deleting them), and compresses every plain segment except the newest.
import fs from "node:fs";
import path from "node:path";
import { compressSegment } from "./compress";
import { listSegments, plainPath, SIGNALS, zstdPath, type SegmentRef } from "./layout";
import type { Signal } from "@/db/telemetry";

export interface OpenTail {
  ref: SegmentRef;
  lines: number;
  bytes: number;
}

export interface RecoveryReport {
  /** Newest plain segment per signal, to append to when it is still today's. */
  tails: Partial<Record<Signal, OpenTail>>;
  nextSeq: Record<Signal, number>;
  tornBytes: number;
}

function removeStaleTemporaries(root: string, ref: SegmentRef): void {
  const tmp = zstdPath(root, ref.name) + ".tmp";
  if (fs.existsSync(tmp)) fs.unlinkSync(tmp);
  // The rename to .zst is atomic, so a .zst beside its plain file is complete: the plain copy is redundant.
  if (fs.existsSync(zstdPath(root, ref.name)) && fs.existsSync(plainPath(root, ref.name))) {
    fs.unlinkSync(plainPath(root, ref.name));
  }
}

/** Cuts a plain segment back to its last complete line; the cut bytes go to `<seq>.jsonl.torn-<time>`. */
function trimTornTail(file: string): { lines: number; bytes: number; torn: number } {
  const data = fs.readFileSync(file);
  const end = data.lastIndexOf(0x0a) + 1;
  let lines = 0;
  for (let i = data.indexOf(0x0a); i !== -1 && i < end; i = data.indexOf(0x0a, i + 1)) lines++;
  if (end < data.length) {
    const aside = `${file}.torn-${Date.now()}`;
    fs.writeFileSync(aside, data.subarray(end));
    fs.truncateSync(file, end);
    console.error(
      `tracemark: archive segment ${file} ended in a torn line: cut back ${data.length - end} bytes to ${lines} complete lines (the bytes are kept in ${aside})`,
    );
  }
  return { lines, bytes: end, torn: data.length - end };
}

export async function recoverArchive(root: string): Promise<RecoveryReport> {
  const report: RecoveryReport = { tails: {}, nextSeq: { logs: 1, traces: 1, metrics: 1 }, tornBytes: 0 };
  for (const signal of SIGNALS) {
    const refs = listSegments(root, signal);
    for (const ref of refs) removeStaleTemporaries(root, ref);
    const plain = refs.filter((ref) => fs.existsSync(plainPath(root, ref.name)));
    const newest = refs.at(-1);
    for (const ref of plain) {
      const { lines, bytes, torn } = trimTornTail(plainPath(root, ref.name));
      report.tornBytes += torn;
      if (ref === newest) report.tails[signal] = { ref, lines, bytes };
      else await compressSegment(root, ref.name);
    }
    report.nextSeq[signal] = (newest?.seq ?? 0) + 1;
  }
  return report;
}

/** Bytes the archive takes on disk (compressed segments plus the plain tails). */
export function archiveDiskBytes(root: string): number {
  let total = 0;
  const visit = (dir: string): void => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (/\.jsonl(\.zst)?$/.test(entry.name)) total += fs.statSync(full).size;
    }
  };
  visit(root);
  return total;
}
