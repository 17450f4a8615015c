// Finding the agents' transcript files under a HOME-like root and reading their complete lines from a byte
// offset. A line counts only once its newline is written, so a file caught mid-write gives no torn line.
import fs from "node:fs";
import path from "node:path";
import {
  TRANSCRIPT_SOURCES,
  transcriptSourceOf,
  type TranscriptSource,
} from "@/lib/adapters/transcript-sources";
import type { TranscriptLine } from "./request";

export interface TranscriptFile {
  source: TranscriptSource;
  /** Under the root, `/`-separated: the file's identity in the index. */
  relative: string;
  absolute: string;
}

/** Each client's folder under the root (the part of its glob before the first wildcard). */
const TOP_DIRS = [...new Set(TRANSCRIPT_SOURCES.map((source) => source.glob.split("/")[0]!))];

/** Deepest folder level a transcript sits at (Codex: .codex/sessions/YYYY/MM/DD/file). */
const MAX_DEPTH = 6;

export function listTranscriptFiles(root: string): TranscriptFile[] {
  const files: TranscriptFile[] = [];
  const walk = (dir: string, depth: number): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // absent or unreadable: nothing of this client here
    }
    for (const entry of entries) {
      const absolute = path.join(dir, entry.name);
      if (entry.isDirectory() && depth < MAX_DEPTH) walk(absolute, depth + 1);
      if (!entry.isFile()) continue;
      const relative = path.relative(root, absolute).split(path.sep).join("/");
      const source = transcriptSourceOf(relative);
      if (source) files.push({ source, relative, absolute });
    }
  };
  for (const top of TOP_DIRS) walk(path.join(root, top), 1);
  return files.sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0));
}

export interface ReadLines {
  lines: TranscriptLine[];
  /** Where the next read starts: just after the last complete line. */
  next: number;
  /** The file's size now. */
  size: number;
}

/** A line longer than this is not taken in (it could not be archived as one request): reported, skipped. */
export const MAX_LINE_BYTES = 16 * 2 ** 20;

/**
 * Complete lines from `offset`, at most about `maxBytes` of them (the rest is read next time). A single line
 * longer than `maxBytes` is read whole, up to MAX_LINE_BYTES, so no line is ever split.
 */
export function readCompleteLines(file: string, offset: number, maxBytes: number): ReadLines {
  const fd = fs.openSync(file, "r");
  try {
    const size = fs.fstatSync(fd).size;
    let length = Math.min(size - offset, maxBytes);
    let buffer = Buffer.alloc(0);
    while (length > 0) {
      buffer = Buffer.alloc(length);
      const read = fs.readSync(fd, buffer, 0, length, offset);
      buffer = buffer.subarray(0, read);
      if (buffer.includes(0x0a) || offset + read >= size) break;
      if (length >= MAX_LINE_BYTES) return skipLongLine(fd, file, offset, size);
      length = Math.min(size - offset, length * 2, MAX_LINE_BYTES); // one line longer than the window: widen it
    }
    const lines: TranscriptLine[] = [];
    let start = 0;
    for (let nl = buffer.indexOf(0x0a); nl !== -1; nl = buffer.indexOf(0x0a, start)) {
      lines.push({
        offset: offset + start,
        end: offset + nl + 1,
        text: buffer.subarray(start, nl).toString("utf8"),
      });
      start = nl + 1;
    }
    return { lines, next: offset + start, size };
  } finally {
    fs.closeSync(fd);
  }
}

/** Steps over a line too long to take in, to its newline (or waits for one). */
function skipLongLine(fd: number, file: string, offset: number, size: number): ReadLines {
  const chunk = Buffer.alloc(1024 * 1024);
  for (let at = offset + MAX_LINE_BYTES; at < size; at += chunk.length) {
    const read = fs.readSync(fd, chunk, 0, chunk.length, at);
    const nl = chunk.subarray(0, read).indexOf(0x0a);
    if (nl !== -1) {
      console.error(
        `tracemark: ${file}: the line at byte ${offset} is over ${MAX_LINE_BYTES} bytes; skipped`,
      );
      return { lines: [], next: at + nl + 1, size };
    }
  }
  return { lines: [], next: offset, size };
}

/** The session a transcript file belongs to, from its first lines (null until they are written). */
export function sessionIdOfFile(file: TranscriptFile): string | null {
  const head = readCompleteLines(file.absolute, 0, 256 * 1024);
  return file.source.read(head.lines.map((line) => line.text))?.session_id ?? null;
}
