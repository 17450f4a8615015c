// The index as a Store for either engine: SQLite in the data dir (the embedded default) or PostgreSQL
// (TRACEMARK_DATABASE_URL, team mode). A process opens it once and registers it; Next.js bundles route
// handlers apart from the server, so the registration lives on globalThis, as db/client.ts does for SQLite.
import { getDb } from "./client";
import { openPgDb } from "./client-pg";
import type { Store } from "./store";
import { PgStore } from "./store-pg";
import { sqliteStoreOf } from "./store-sqlite";

export interface IndexLocation {
  dataDir: string;
  /** postgres://… or null for `<dataDir>/index.sqlite`. */
  databaseUrl: string | null;
}

export interface OpenedIndex {
  store: Store;
  close: () => Promise<void>;
}

/** Opens the index (PostgreSQL: connects and migrates, failing with a message that names the problem). */
export async function openIndexStore(
  where: IndexLocation,
  options: { max?: number } = {},
): Promise<OpenedIndex> {
  if (where.databaseUrl) {
    const db = await openPgDb(where.databaseUrl, options);
    return { store: new PgStore(db.$client), close: () => db.$client.end() };
  }
  return { store: sqliteStoreOf(getDb(where.dataDir)), close: () => Promise.resolve() };
}

const globalForStore = globalThis as unknown as { __tracemarkStore?: Store };

/** Makes `store` the process's index for indexStoreOf (server.ts and index-worker.ts, at start). */
export function registerIndexStore(store: Store | undefined): void {
  globalForStore.__tracemarkStore = store;
}

/** The registered index; without one (scripts and tests on a SQLite data dir) the data dir's SQLite index. */
export function indexStoreOf(where: IndexLocation): Store {
  const registered = globalForStore.__tracemarkStore;
  if (registered) return registered;
  if (where.databaseUrl) throw new Error("the PostgreSQL index is not open: the server opens it at start");
  return sqliteStoreOf(getDb(where.dataDir));
}
