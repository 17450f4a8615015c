// The three journals (labels, the reason vocabulary, people): the source of truth the index is rebuilt
// beside. On the embedded default they are files in the data dir (lib/journals/files.ts); in team mode, where
// the data dir is disposable, rows of journal_lines in the shared PostgreSQL (lib/journals/database.ts).
// What does not live here: the lines' formats and their validation (lib/labels/journal.ts,
// lib/reasons/store.ts, lib/users/store.ts own those, for both places).
import type { Store } from "@/db/store";
import type { JournalEntry, JournalPlace, JournalReading } from "@/lib/labels/journal";
import type { Reason } from "@/lib/shared/reasons";
import type { UsersReading } from "@/lib/users/store";
import { openDatabaseJournals } from "./database";
import { fileJournals } from "./files";

export interface LabelJournal {
  readonly place: JournalPlace;
  /**
   * Journals `entry` and runs `write` (the index write) in a transaction of `store`. A file is appended (and
   * fsync'ed) before the transaction; the database's line is inserted inside it, so the label and its line
   * commit together or not at all.
   */
  record<T>(store: Store, entry: JournalEntry, write: (tx: Store) => Promise<T>): Promise<T>;
  read(): Promise<JournalReading>;
}

export interface ReasonsJournal {
  /** The vocabulary now; synchronous, as every label save validates against it (database: as last polled). */
  current(): Reason[];
  save(user: string, reasons: Reason[]): Promise<Reason[]>;
}

export interface UsersJournal {
  /** Where the people are, for messages. */
  readonly where: string;
  /** The people now; synchronous, as the gate checks every request (database: as last polled). */
  current(): UsersReading;
  /** Read afresh (the CLI). */
  read(): Promise<UsersReading>;
  /** Adds a person (or with `replace` a new token for one); the token, shown once. */
  add(name: string, options?: { replace?: boolean }): Promise<string>;
  /** Revokes a person's token: their logins stop (on every replica within a poll). */
  remove(name: string): Promise<void>;
}

export interface Journals {
  labels: LabelJournal;
  reasons: ReasonsJournal;
  users: UsersJournal;
  /** Reads other replicas' reason and people changes now (the poll does it every second). */
  refresh(): Promise<void>;
  /** Stops the poll. */
  close(): void;
}

/**
 * The journals of a tracemark: the data dir's files, or with a PostgreSQL store its journal_lines (read once
 * here, then polled). A SQLite store keeps its journals in files too.
 */
export async function openJournals({
  dataDir,
  store,
}: {
  dataDir: string;
  store: Store | null;
}): Promise<Journals> {
  if (store?.dialect === "postgres") return openDatabaseJournals(store);
  return fileJournals(dataDir);
}

/** Shared by server.ts and the route bundles (separate module copies in one process), like lib/runtime.ts. */
const globalForJournals = globalThis as unknown as { __tracemarkJournals?: Journals };

/** Makes `journals` the process's (server.ts at start, in team mode: journalsOf then returns them). */
export function registerJournals(journals: Journals | undefined): void {
  globalForJournals.__tracemarkJournals = journals;
}

/** Opens the journals for the index `store` and registers them: what server.ts calls at start. */
export async function startJournals(where: { dataDir: string; store: Store | null }): Promise<Journals> {
  const journals = await openJournals(where);
  registerJournals(journals);
  return journals;
}

/** The registered journals; without (scripts, tests, the embedded default) the data dir's files. */
export function journalsOf(dataDir: string): Journals {
  return globalForJournals.__tracemarkJournals ?? fileJournals(dataDir);
}
