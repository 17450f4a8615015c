// The journals as rows of journal_lines in the shared PostgreSQL (team mode): the same lines the files hold.
// A label's line is inserted in the label write's transaction. The reason vocabulary and the people are read
// on every request, so each replica keeps them in memory and polls each journal's line count and last id
// every second (an index-only read), re-reading a journal when it changed: another replica's edit, or a
// person removed there, takes effect here within a poll.
import {
  getJournalHead,
  listJournalLines,
  saveJournalLine,
  type JournalName,
} from "@/db/queries/journal-lines";
import type { Store } from "@/db/store";
import { readJournalLines } from "@/lib/labels/journal";
import { reasonsLine, reasonsOfLines } from "@/lib/reasons/store";
import type { Reason } from "@/lib/shared/reasons";
import { addUserLine, readUserLines, removeUserLine } from "@/lib/users/store";
import type { Journals } from "./journals";

/** How often a replica looks for other replicas' reason and people changes. */
export const POLL_MS = 1_000;

export const DATABASE_PLACE = {
  where: "journal_lines in PostgreSQL (TRACEMARK_DATABASE_URL)",
  restore: "Restore the database from a backup",
};

interface Polled<T> {
  head: string;
  value: T;
}

/** A journal read into memory as `parse` makes it, re-read when its head moves. */
async function readPolled<T>(
  store: Store,
  journal: JournalName,
  parse: (lines: string[]) => T,
): Promise<Polled<T>> {
  // one snapshot: the head and the lines agree (a line committed in between shows at the next poll)
  return store.transaction(
    async (tx) => {
      const head = await getJournalHead({ store: tx, journal });
      return { head, value: parse(await listJournalLines({ store: tx, journal })) };
    },
    { snapshot: true },
  );
}

/** Appends one line of `journal` under a lock on that journal, after `check` saw every line before it. */
async function appendChecked<T>(
  store: Store,
  journal: JournalName,
  check: (lines: string[]) => { line: string; result: T },
): Promise<T> {
  return store.transaction(async (tx) => {
    // two replicas adding one name at once: the second sees the first's line
    await tx.get("SELECT pg_advisory_xact_lock(hashtext(@key))", { key: `tracemark-journal-${journal}` });
    const { line, result } = check(await listJournalLines({ store: tx, journal }));
    await saveJournalLine({ store: tx, journal, line, at: Date.now() });
    return result;
  });
}

export async function openDatabaseJournals(store: Store): Promise<Journals> {
  let reasons = await readPolled(store, "reasons", reasonsOfLines);
  let users = await readPolled(store, "users", readUserLines);
  const refreshOne = async <T>(journal: JournalName, polled: Polled<T>, parse: (lines: string[]) => T) => {
    const head = await getJournalHead({ store, journal });
    return head === polled.head ? polled : readPolled(store, journal, parse);
  };
  const refresh = async (): Promise<void> => {
    reasons = await refreshOne("reasons", reasons, reasonsOfLines);
    users = await refreshOne("users", users, readUserLines);
  };
  let failing = false;
  const timer = setInterval(() => {
    refresh().then(
      () => {
        failing = false;
      },
      (error: unknown) => {
        // said once per outage: the last state stays in use until the database answers again
        if (!failing) console.error("tracemark: could not poll the journals in PostgreSQL:", error);
        failing = true;
      },
    );
  }, POLL_MS);
  timer.unref();
  return {
    labels: {
      place: DATABASE_PLACE,
      record: (target, entry, write) =>
        target.transaction(async (tx) => {
          await saveJournalLine({ store: tx, journal: "labels", line: JSON.stringify(entry), at: entry.at });
          return write(tx);
        }),
      read: async () => readJournalLines(await listJournalLines({ store, journal: "labels" })),
    },
    reasons: {
      current: () => reasons.value,
      save: async (user: string, list: Reason[]) => {
        const at = Date.now();
        await saveJournalLine({ store, journal: "reasons", line: reasonsLine(user, list, at), at });
        reasons = await readPolled(store, "reasons", reasonsOfLines);
        return list;
      },
    },
    users: {
      where: DATABASE_PLACE.where,
      current: () => users.value,
      read: async () => readUserLines(await listJournalLines({ store, journal: "users" })),
      add: async (name, options) => {
        const token = await appendChecked(store, "users", (lines) => {
          const { line, token } = addUserLine(readUserLines(lines), name, options);
          return { line: JSON.stringify(line), result: token };
        });
        users = await readPolled(store, "users", readUserLines);
        return token;
      },
      remove: async (name) => {
        await appendChecked(store, "users", (lines) => ({
          line: JSON.stringify(removeUserLine(readUserLines(lines), name)),
          result: undefined,
        }));
        users = await readPolled(store, "users", readUserLines);
      },
    },
    refresh,
    close: () => clearInterval(timer),
  };
}
