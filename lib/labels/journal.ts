// The label journal: every label, note, reasons and correction change appended to <data>/labels.jsonl (and
// fsync'ed) before it reaches the index, so labels survive losing the index; replayed into the index at startup.
// An append never leaves a partial line (a short write is cut back and refused), a torn tail from a crash is set
// aside before the next append, and a missing or damaged journal is reported (journalProblem), never replaced.
// Each line names its author (`by`): a target holds one label per person (docs/team.md "People"). In team
// mode the same lines are rows of journal_lines (lib/journals/database.ts); the replay reads either.
import fs from "node:fs";
import path from "node:path";
import {
  adoptLabelByTarget,
  getLabelByTarget,
  listLabelTargets,
  saveLabelByTarget,
  type LabelFields,
  type LabelKey,
  type LabelTarget,
} from "@/db/queries/labels";
import type { Store } from "@/db/store";
import { AppError } from "@/lib/errors";
import type { Journals } from "@/lib/journals/journals";

/** One change: only the fields it sets are present (so replaying merges per field, as the API does). */
export interface JournalEntry extends LabelFields {
  v: 1;
  at: number; // epoch ms
  /** The author: whose label this changes (every line written so far names one). */
  by: string;
  target_type: LabelTarget;
  target_id: string;
}

/** Shared by server.ts and the route handlers (separate module copies in one process), like lib/runtime.ts. */
interface JournalHealth {
  /** A damaged or missing journal, found at start or when it disappeared; stays until the next start. */
  problem: string | null;
  /** The last append failed (disk full, permissions); cleared by the next good append. */
  lastError: string | null;
  /** Set once a journal is known to exist (replayed or appended): its disappearance is then a problem. */
  known: boolean;
}
const globalForJournal = globalThis as unknown as { __tracemarkJournal?: JournalHealth };
const health = (globalForJournal.__tracemarkJournal ??= { problem: null, lastError: null, known: false });

/** What is wrong with the label journal, for the runtime status (UI banner) and doctor; null when all is well. */
export function journalProblem(): string | null {
  return health.lastError ?? health.problem;
}

export function journalPath(dataDir: string): string {
  return path.join(dataDir, "labels.jsonl");
}

/** Where torn tails are set aside (for inspection; they were never acknowledged). */
export function tornPath(dataDir: string): string {
  return path.join(dataDir, "labels.jsonl.torn");
}

/** Cuts a torn last line (a crash mid-append) back to the last complete line; returns the new size. */
function repairTail(fd: number, size: number, dataDir: string): number {
  if (size === 0) return 0;
  const chunk = Buffer.alloc(64 * 1024);
  let cut = 0;
  for (let end = size; end > 0 && cut === 0;) {
    const start = Math.max(0, end - chunk.length);
    const read = fs.readSync(fd, chunk, 0, end - start, start);
    const newline = chunk.subarray(0, read).lastIndexOf(0x0a);
    if (newline !== -1) cut = start + newline + 1;
    if (end === size && cut === size) return size; // ends with a newline: nothing torn
    end = start;
  }
  const torn = Buffer.alloc(size - cut);
  fs.readSync(fd, torn, 0, torn.length, cut);
  try {
    fs.appendFileSync(tornPath(dataDir), Buffer.concat([torn, Buffer.from("\n")]));
  } catch {
    // best effort: the torn bytes were never an acknowledged label
  }
  fs.ftruncateSync(fd, cut);
  console.error(
    `tracemark: ${journalPath(dataDir)} ended in a torn line (${torn.length} bytes, a crash mid-append); cut back and set aside in ${tornPath(dataDir)}`,
  );
  return cut;
}

function writeAll(fd: number, data: Buffer): void {
  for (let written = 0; written < data.length;) {
    const n = fs.writeSync(fd, data, written);
    if (n === 0) throw new Error("short write (disk full?)");
    written += n;
  }
}

/** Appends one entry durably, or throws AppError "unavailable" (503) having written nothing. */
export function appendJournal(dataDir: string, entry: JournalEntry): void {
  const file = journalPath(dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  if (health.known && !fs.existsSync(file)) {
    health.problem = `${file} disappeared while the server ran: labels from before are only in the index now (restore the file from a backup)`;
  }
  const fd = fs.openSync(file, fs.constants.O_RDWR | fs.constants.O_CREAT | fs.constants.O_APPEND, 0o644);
  try {
    const size = repairTail(fd, fs.fstatSync(fd).size, dataDir);
    try {
      writeAll(fd, Buffer.from(JSON.stringify(entry) + "\n"));
      fs.fdatasyncSync(fd);
    } catch (error) {
      cutBack(fd, size);
      health.lastError = `label journal not writable: ${(error as Error).message}`;
      throw new AppError(
        "unavailable",
        `${health.lastError}; the label was not saved, retry when there is space`,
      );
    }
  } finally {
    fs.closeSync(fd);
  }
  health.lastError = null;
  health.known = true;
}

/** Undoes a partial append, so the journal still ends with a complete line. */
function cutBack(fd: number, size: number): void {
  try {
    fs.ftruncateSync(fd, size);
    fs.fdatasyncSync(fd);
  } catch (error) {
    console.error("tracemark: could not cut the label journal back after a failed append:", error);
  }
}

export interface JournalReading {
  exists: boolean;
  entries: JournalEntry[];
  /** 1-based numbers of complete lines that are not journal entries. */
  damagedLines: number[];
  /** Bytes after the last newline (a crash mid-append); cut back at the next append. */
  tornBytes: number;
}

export function isEntry(value: unknown): value is JournalEntry {
  const entry = value as Partial<JournalEntry> | null;
  return (
    typeof entry === "object" &&
    entry !== null &&
    entry.v === 1 &&
    typeof entry.at === "number" &&
    (entry.target_type === "turn" || entry.target_type === "session") &&
    typeof entry.target_id === "string" &&
    typeof entry.by === "string" &&
    entry.by !== ""
  );
}

export function readJournal(dataDir: string): JournalReading {
  const file = journalPath(dataDir);
  if (!fs.existsSync(file)) return { exists: false, entries: [], damagedLines: [], tornBytes: 0 };
  const data = fs.readFileSync(file);
  const complete = data.lastIndexOf(0x0a) + 1;
  const reading: JournalReading = {
    exists: true,
    entries: [],
    damagedLines: [],
    tornBytes: data.length - complete,
  };
  const decoder = new TextDecoder("utf-8", { fatal: true });
  for (let start = 0, line = 1; start < complete; line++) {
    const end = data.indexOf(0x0a, start);
    const bytes = data.subarray(start, end);
    start = end + 1;
    if (bytes.length === 0) continue;
    try {
      const entry = JSON.parse(decoder.decode(bytes)) as unknown;
      if (isEntry(entry)) reading.entries.push(entry);
      else reading.damagedLines.push(line);
    } catch {
      reading.damagedLines.push(line);
    }
  }
  return reading;
}

const entryKey = (entry: JournalEntry): string =>
  `${entry.target_type}\u0000${entry.target_id}\u0000${entry.by}`;

/** The journal's lines as stored in the database (complete lines only: a row is committed whole). */
export function readJournalLines(lines: string[]): JournalReading {
  const reading: JournalReading = { exists: true, entries: [], damagedLines: [], tornBytes: 0 };
  lines.forEach((text, i) => {
    try {
      const entry = JSON.parse(text) as unknown;
      if (isEntry(entry)) reading.entries.push(entry);
      else reading.damagedLines.push(i + 1);
    } catch {
      reading.damagedLines.push(i + 1);
    }
  });
  return reading;
}

/** Where a journal is, for its messages: the file (or the database table) and how to restore it. */
export interface JournalPlace {
  where: string;
  restore: string;
}

export const fileJournalPlace = (dataDir: string): JournalPlace => ({
  where: journalPath(dataDir),
  restore: "Restore labels.jsonl from a backup",
});

/** What is wrong with a reading, given the targets the index holds labels for; null when nothing is. */
export function describeJournalProblem(
  place: JournalPlace,
  reading: JournalReading,
  indexTargets: LabelKey[],
): string | null {
  const file = place.where;
  const journaled = new Set(reading.entries.map(entryKey));
  const unjournaled = indexTargets.filter(
    (target) => !journaled.has(`${target.targetType}\u0000${target.targetId}\u0000${target.author}`),
  ).length;
  const problems: string[] = [];
  if (!reading.exists && indexTargets.length > 0) problems.push(`${file} is missing`);
  if (reading.damagedLines.length > 0) {
    const lines =
      reading.damagedLines.slice(0, 5).join(", ") + (reading.damagedLines.length > 5 ? ", …" : "");
    problems.push(`${file} has ${reading.damagedLines.length} unreadable lines (line ${lines}), skipped`);
  }
  if (unjournaled > 0)
    problems.push(
      `${unjournaled} labeled targets in the index are not in the journal (a new index would lose them)`,
    );
  return problems.length === 0 ? null : `label journal: ${problems.join("; ")}. ${place.restore}`;
}

/**
 * Brings the index's labels up to the journal and records what is wrong with the journal (journalProblem). A
 * (target, author) the index has no row for gets every entry (an index rebuilt from scratch); one it has gets
 * the entries newer than its row (a crash between journal and index). With nobody added (one person's store)
 * a target keeps one row whoever wrote it, as the API keeps it (adoptLabelByTarget). The journal is the
 * data dir's file, or journal_lines in team mode (lib/journals).
 */
export async function replayJournal(store: Store, journals: Journals): Promise<number> {
  const reading = await journals.labels.read();
  health.problem = describeJournalProblem(journals.labels.place, reading, await listLabelTargets({ store }));
  health.known = reading.exists;
  if (health.problem) console.error(`tracemark: ${health.problem}`);
  let applied = 0;
  const known = new Map<string, number | null>();
  const solo = journals.users.current().people.size === 0;
  await store.transaction(async (tx) => {
    for (const entry of reading.entries) {
      const key = solo ? `${entry.target_type}\u0000${entry.target_id}` : entryKey(entry);
      if (!known.has(key)) {
        const stored = await getLabelByTarget({
          store: tx,
          targetType: entry.target_type,
          targetId: entry.target_id,
          author: solo ? undefined : entry.by,
        });
        known.set(key, stored ? stored.labeledAt : null);
      }
      const storedAt = known.get(key);
      if (storedAt !== null && storedAt !== undefined && entry.at <= storedAt) continue;
      const target = { targetType: entry.target_type, targetId: entry.target_id };
      if (solo) await adoptLabelByTarget({ store: tx, ...target, author: entry.by });
      await saveLabelByTarget({
        store: tx,
        targetType: entry.target_type,
        targetId: entry.target_id,
        fields: {
          label: entry.label,
          note: entry.note,
          reasons: entry.reasons,
          correction: entry.correction,
        },
        labeledBy: entry.by,
        labeledAt: entry.at,
      });
      applied++;
    }
  });
  return applied;
}
