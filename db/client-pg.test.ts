// Opening the PostgreSQL index: migrations applied (twice over is a no-op, two openers at once are serialized),
// a database from a newer tracemark refused, and a wrong URL or an unreachable server named in the error.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { freePort } from "@/e2e/support/server";
import { postgresUnavailable, startPostgres, type TestPostgres } from "@/e2e/support/postgres";
import { explainPgError, openPgDb, pgUnavailable } from "./client-pg";
import { PgStore } from "./store-pg";

const postgresMissing = postgresUnavailable();

describe.skipIf(postgresMissing)("openPgDb on a real PostgreSQL", () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });

  test("applies the committed migrations once, also when two open at the same time", async () => {
    const url = await server.createDatabase();
    const [a, b] = await Promise.all([openPgDb(url), openPgDb(url)]);
    const tables = await a.$client.query(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'",
    );
    expect((tables.rows as { name: string }[]).map((row) => row.name)).toEqual(
      expect.arrayContaining(["requests", "log_records", "sessions", "turns", "labels", "turn_search"]),
    );
    const applied = await b.$client.query("SELECT count(*) AS n FROM drizzle.__drizzle_migrations");
    const journal = JSON.parse(
      fs.readFileSync(path.join("db", "migrations-pg", "meta", "_journal.json"), "utf8"),
    ) as { entries: unknown[] };
    // each committed migration once; int8 read as a number, as SQLite's integers are
    expect(applied.rows[0]).toEqual({ n: journal.entries.length });
    await Promise.all([a.$client.end(), b.$client.end()]);
  });

  test("refuses a database written by a newer tracemark, naming it", async () => {
    const url = await server.createDatabase();
    const db = await openPgDb(url);
    await db.$client.query(
      "INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ('from-the-future', 99999999999999)",
    );
    await db.$client.end();
    await expect(openPgDb(url)).rejects.toThrow(/127\.0\.0\.1.*newer tracemark/);
  });

  test("a connection lost under a query and a server gone are told apart from other errors (the API's 503)", async () => {
    const db = await openPgDb(await server.createDatabase());
    const store = new PgStore(db.$client);
    try {
      const killed = await store
        .transaction(async (tx) => {
          const own = await tx.get<{ pid: number }>("SELECT pg_backend_pid() AS pid");
          await store.run("SELECT pg_terminate_backend(@pid)", { pid: own!.pid });
          await tx.run("SELECT 1");
        })
        .catch((error: unknown) => error);
      expect(pgUnavailable(killed)).toMatch(/database is unavailable/);
      const mistake = await store.run("SELECT * FROM no_such_table").catch((error: unknown) => error);
      expect(pgUnavailable(mistake)).toBeNull();
    } finally {
      await db.$client.end();
    }
    const pool = new pg.Pool({ connectionString: `postgres://me@127.0.0.1:${await freePort()}/db` });
    const gone = await new PgStore(pool).run("SELECT 1").catch((error: unknown) => error);
    await pool.end();
    expect(pgUnavailable(gone)).toMatch(/ECONNREFUSED/);
  });

  test("a database that does not exist is named, with what to do", async () => {
    const url = server.url.replace(/\/postgres$/, "/no_such_db");
    await expect(openPgDb(url)).rejects.toThrow(/no_such_db.*does not exist.*createdb/);
  });
});

test("an unreachable server and a URL that is not postgres:// get a clear message, without the password", async () => {
  const port = await freePort();
  await expect(openPgDb(`postgres://me:secret@127.0.0.1:${port}/db`)).rejects.toThrow(
    new RegExp(
      `Cannot reach PostgreSQL at postgres://me:\\*\\*\\*@127\\.0\\.0\\.1:${port}/db \\(ECONNREFUSED\\)`,
    ),
  );
  expect(explainPgError("mysql://x@y/z", new Error("?")).message).toMatch(/must be a postgres:\/\/ URL/);
  expect(explainPgError("postgres://u:pw@h/d", new Error("boom")).message).not.toMatch(/pw/);
});
