// The journals as files in the data dir (the embedded default): labels.jsonl, reasons.jsonl, users.jsonl,
// written and read exactly as before team mode, by the modules that own each format.
import { appendJournal, fileJournalPlace, readJournal } from "@/lib/labels/journal";
import { readReasons, saveReasons } from "@/lib/reasons/store";
import { addUser, readUsers, readUsersFile, removeUser, usersPath } from "@/lib/users/store";
import type { Journals } from "./journals";

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
