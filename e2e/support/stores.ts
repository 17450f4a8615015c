// Both engines for tests that run the same queries on each: a fresh SQLite index file and, when PostgreSQL's
// binaries are here (always in CI), a fresh database on one throwaway cluster shared by the test file.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDb } from "@/db/client";
import { openPgDb } from "@/db/client-pg";
import type { Store } from "@/db/store";
import { PgStore } from "@/db/store-pg";
import { SqliteStore } from "@/db/store-sqlite";
import { postgresUnavailable, startPostgres, type TestPostgres } from "./postgres";

export interface OpenedStore {
  store: Store;
  close: () => Promise<void>;
}

export interface TestEngine {
  name: "sqlite" | "postgres";
  open: () => Promise<OpenedStore>;
}

/** Call from beforeAll/afterAll: `const engines = testEngines()` at the top of the file, `await engines.stop()`. */
export function testEngines(): { list: TestEngine[]; stop: () => Promise<void> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tracemark-engines-"));
  let files = 0;
  let cluster: Promise<TestPostgres> | undefined;
  const list: TestEngine[] = [
    {
      name: "sqlite",
      open: () => {
        const db = openDb(path.join(dir, `index-${++files}.sqlite`));
        const close = (): Promise<void> => {
          db.$client.close();
          return Promise.resolve();
        };
        return Promise.resolve({ store: new SqliteStore(db.$client), close });
      },
    },
  ];
  if (!postgresUnavailable())
    list.push({
      name: "postgres",
      open: async () => {
        cluster ??= startPostgres();
        const db = await openPgDb(await (await cluster).createDatabase());
        return { store: new PgStore(db.$client), close: () => db.$client.end() };
      },
    });
  return {
    list,
    stop: async () => {
      if (cluster) await (await cluster).stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs `work` on a fresh store of each engine after `seed`; the results by engine name. */
export async function onEachEngine<T>(
  engines: TestEngine[],
  seed: (store: Store) => Promise<void>,
  work: (store: Store) => Promise<T>,
): Promise<Record<string, T>> {
  const results: Record<string, T> = {};
  for (const engine of engines) {
    const { store, close } = await engine.open();
    try {
      await seed(store);
      results[engine.name] = await work(store);
    } finally {
      await close();
    }
  }
  return results;
}
