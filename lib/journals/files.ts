// The journals as files in the data dir (the embedded default): labels.jsonl, reasons.jsonl, users.jsonl,
// written and read exactly as before team mode, by the modules that own each format.
import fs from "node:fs";
import type { JournalName } from "@/db/queries/journal-lines";
import { appendJournal, fileJournalPlace, journalPath, readJournal } from "@/lib/labels/journal";
import { readReasons, reasonsPath, saveReasons } from "@/lib/reasons/store";
import { addUser, readUsers, readUsersFile, removeUser, usersPath } from "@/lib/users/store";
import type { Journals } from "./journals";

export const JOURNAL_FILES: Record<JournalName, (dataDir: string) => string> = {
  labels: journalPath,
  reasons: reasonsPath,
  users: usersPath,
};

/**
 * A journal file's complete lines as they are (a torn last line, never acknowledged, left out; blank lines
 * too), each with its `at` (the time it holds, else the file's mtime): what moves into journal_lines.
 */
export function readJournalFileLines(file: string): { line: string; at: number }[] {
  if (!fs.existsSync(file)) return [];
  const text = fs.readFileSync(file, "utf8");
  const mtime = Math.round(fs.statSync(file).mtimeMs);
  const lines = text.slice(0, text.lastIndexOf("\n") + 1).split("\n");
  return lines.filter((line) => line.trim() !== "").map((line) => ({ line, at: timeOf(line) ?? mtime }));
}

function timeOf(line: string): number | null {
  try {
    const at = (JSON.parse(line) as { at?: unknown }).at;
    return typeof at === "number" && Number.isFinite(at) ? Math.round(at) : null;
  } catch {
    return null; // a damaged line moves as it is; the reader reports it there as here
  }
}

/** `work`'s result, or its throw as a rejection (as an async function's would be). */
const settle = <T>(work: () => T): Promise<T> => new Promise((resolve) => resolve(work()));

export function fileJournals(dataDir: string): Journals {
  return {
    labels: {
      place: fileJournalPlace(dataDir),
      record(store, entry, write) {
        appendJournal(dataDir, entry); // durable before the index changes: the index can be rebuilt from it
        return store.transaction(write);
      },
      read: () => settle(() => readJournal(dataDir)),
    },
    reasons: {
      current: () => readReasons(dataDir),
      save: (user, reasons) => settle(() => saveReasons(dataDir, user, reasons)),
    },
    users: {
      where: usersPath(dataDir),
      current: () => readUsers(dataDir),
      read: () => settle(() => readUsersFile(dataDir)),
      add: (name, options) => settle(() => addUser(dataDir, name, options)),
      remove: (name) => settle(() => removeUser(dataDir, name)),
    },
    // a file is re-read when it changes (its size and mtime): nothing to poll
    refresh: () => Promise.resolve(),
    close: () => undefined,
  };
}
