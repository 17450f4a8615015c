// The reason vocabulary as stored with the data: <data>/reasons.jsonl, one line per edit holding the whole
// list (appended and fsync'ed like labels.jsonl); the last readable line is the vocabulary, none means the
// defaults. Not in the index, so losing or rebuilding the index cannot lose it.
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
  const lines = fs.readFileSync(file, "utf8").split("\n");
  let reasons: Reason[] = [...DEFAULT_REASONS];
  for (let i = lines.length - 1; i >= 0; i--) {
    try {
      const entry = JSON.parse(lines[i]!) as ReasonsEntry;
      if (Array.isArray(entry.reasons)) {
        reasons = entry.reasons;
        break;
      }
    } catch {
      // an empty or torn last line (a crash mid-append): that edit was never acknowledged
    }
  }
  cached = { file, stamp, reasons };
  return reasons;
}

export function saveReasons(dataDir: string, user: string, reasons: Reason[]): Reason[] {
  fs.mkdirSync(dataDir, { recursive: true });
  const entry: ReasonsEntry = { v: 1, at: Date.now(), by: user, reasons };
  const fd = fs.openSync(reasonsPath(dataDir), "a");
  try {
    fs.writeSync(fd, JSON.stringify(entry) + "\n");
    fs.fdatasyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  cached = undefined;
  return reasons;
}
