// The reason vocabulary as stored with the data: <data>/reasons.jsonl, one line per edit holding the whole
// list (appended and fsync'ed like labels.jsonl); the last readable line is the vocabulary, none means the
// defaults. Not in the index, so losing or rebuilding the index cannot lose it. In team mode the same lines
// are rows of journal_lines (lib/journals/database.ts).
import fs from "node:fs";
import path from "node:path";
import { DEFAULT_REASONS, type Reason } from "@/lib/shared/reasons";

interface ReasonsEntry {
  v: 1;
  at: number; // epoch ms
  by: string;
  reasons: Reason[];
}

export function reasonsPath(dataDir: string): string {
  return path.join(dataDir, "reasons.jsonl");
}

/** Parsed once per file version (size and mtime): label saves validate against it on every PUT. */
let cached: { file: string; stamp: string; reasons: Reason[] } | undefined;

export function readReasons(dataDir: string): Reason[] {
  const file = reasonsPath(dataDir);
  let stamp: string;
  try {
    const stat = fs.statSync(file);
    stamp = `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return [...DEFAULT_REASONS];
  }
  if (cached && cached.file === file && cached.stamp === stamp) return cached.reasons;
  const reasons = reasonsOfLines(fs.readFileSync(file, "utf8").split("\n"));
  cached = { file, stamp, reasons };
  return reasons;
}

/** The vocabulary a journal's lines give: the last readable line's, else the defaults. */
export function reasonsOfLines(lines: string[]): Reason[] {
  for (let i = lines.length - 1; i >= 0; i--) {
    try {
      const entry = JSON.parse(lines[i]!) as ReasonsEntry;
      if (Array.isArray(entry.reasons)) return entry.reasons;
    } catch {
      // an empty or torn last line (a crash mid-append): that edit was never acknowledged
    }
  }
  return [...DEFAULT_REASONS];
}

/** The journal line of one edit (without its newline). */
export function reasonsLine(user: string, reasons: Reason[], at: number): string {
  const entry: ReasonsEntry = { v: 1, at, by: user, reasons };
  return JSON.stringify(entry);
}

export function saveReasons(dataDir: string, user: string, reasons: Reason[]): Reason[] {
  fs.mkdirSync(dataDir, { recursive: true });
  const line = reasonsLine(user, reasons, Date.now());
  const fd = fs.openSync(reasonsPath(dataDir), "a");
  try {
    fs.writeSync(fd, line + "\n");
    fs.fdatasyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  cached = undefined;
  return reasons;
}
