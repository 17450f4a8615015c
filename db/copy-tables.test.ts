// copySqliteIndex on real parts: a SQLite index built from a real capture by the real Indexer and SessionBuilder,
// copied into a fresh PostgreSQL database, holds the same rows in every table, and the ids continue after it.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPgDb, type PgDb } from "@/db/client-pg";
import { PgStore } from "@/db/store-pg";
import { listCaptureFolders } from "@/e2e/support/fixtures-dir";
import { folderRequests, ReplayIndex } from "@/e2e/support/index-replay";
import { postgresUnavailable, startPostgres, type TestPostgres } from "@/e2e/support/postgres";
import { copySqliteIndex } from "./copy-tables";

const postgresMissing = postgresUnavailable();

describe.skipIf(postgresMissing)("copySqliteIndex", () => {
  let cluster: TestPostgres;
  let pg: PgDb;
  const replay = new ReplayIndex();

  beforeAll(async () => {
    cluster = await startPostgres();
    pg = await openPgDb(await cluster.createDatabase());
    const folder =
      listCaptureFolders().find((dir) => path.basename(dir).includes("claude")) ?? listCaptureFolders()[0]!;
    await replay.add(folderRequests(folder));
  }, 120_000);

  afterAll(async () => {
    await pg?.$client.end();
    await replay.close();
    await cluster?.stop();
  });

  it("copies every row of every table, and new ids follow the copied ones", async () => {
    const store = new PgStore(pg.$client);
    const counts = await copySqliteIndex(replay.db.$client, store);
    for (const [table, copied] of counts) {
      const sqlite = replay.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number };
      expect({ table, copied }).toEqual({ table, copied: sqlite.n });
    }
    expect(counts.get("log_records")! + counts.get("spans")!).toBeGreaterThan(0);
    expect(counts.get("turns")).toBeGreaterThan(0);
    const sqliteTurns = replay.db.$client.prepare("SELECT id, data FROM turns ORDER BY id").all();
    expect(await store.all("SELECT id, data FROM turns ORDER BY id")).toEqual(sqliteTurns);
    const maxId = (replay.db.$client.prepare("SELECT max(id) AS id FROM requests").get() as { id: number })
      .id;
    const next = await store.get<{ id: number }>(
      "INSERT INTO requests (signal, received_at, transport, encoding, segment, line, body_hash, records, bytes) VALUES ('logs', 0, 'http', 'json', 's', 0, 'new', 0, 0) RETURNING id",
    );
    expect(next!.id).toBe(maxId + 1);
  });

  it("refuses a target that is not empty, leaving it as it was", async () => {
    const store = new PgStore(pg.$client);
    const before = await store.get<{ n: number }>("SELECT count(*) AS n FROM turns");
    await expect(copySqliteIndex(replay.db.$client, store)).rejects.toThrow(/not empty/);
    expect(await store.get("SELECT count(*) AS n FROM turns")).toEqual(before);
  });
});
