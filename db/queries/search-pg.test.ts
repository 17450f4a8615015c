// The tsquery translation matches what FTS5 matches: the same texts in SQLite's turn_search / note_search and in
// a real PostgreSQL's tsvector columns, the same search-box inputs through toFtsQuery, the same hits.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { postgresUnavailable, startPostgres, type TestPostgres } from "@/e2e/support/postgres";
import { toFtsQuery } from "@/lib/sessions/search";
import { openDb, type Db } from "../client";
import { openPgDb, type PgDb } from "../client-pg";
import { toTsQuery } from "./search-pg";

const TEXTS: Record<string, [string, string, string]> = {
  paths: ["Open src/lib/session-store.ts and fix it", "Done: edited 2 files.", '{"path":"src/lib/x.ts"}'],
  snake: ["rename session_id to sessionKey", "renamed in 4 places", ""],
  numbers: ["bump to v1.2.3", "version 1.2.3 released on 2026-01-05", "npm publish --tag=next"],
  mail: ["mail ops@example.com about https://example.com/a?b=c", "sent", ""],
  unicode: ["東京タワー の 写真", "Größe ändern naïve", "émoji 🚀 launch"],
  code: ['fn main() { println!("hi"); }', "x_1 = foo(bar, baz)->qux;", "don't won't can't"],
  camel: ["CamelCaseName and HTTPServer", "UPPER lower MiXeD", "tab\there\nnewline"],
  numword: ["abc123def 42 0x1F 3d", "1e5 -7 +8 9.75", "under__score _lead trail_"],
};

const INPUTS = [
  "src",
  "src/lib",
  "session_id",
  "session",
  "Session_I",
  "1.2",
  "v1",
  "2026",
  "example.com",
  "ops@example",
  "東京",
  "東京タワー",
  "größe",
  "NAÏVE",
  "naive",
  "andern",
  "Ändern",
  "ÉMOJI",
  "🚀 launch",
  "don't",
  "println",
  "camelcase",
  "httpserver",
  "mixed upper",
  "abc123",
  "0x1",
  "9.7",
  "x_1",
  "score",
  "under__score",
  "_lead",
  "trail_",
  "here newline",
  "nothingmatchesthis",
  '"quoted" OR NOT * (paren)',
  "fix edited",
  "fix missing",
];

const postgresMissing = postgresUnavailable();

describe.skipIf(postgresMissing)("full-text search on PostgreSQL", () => {
  let server: TestPostgres;
  let pgDb: PgDb;
  let sqlite: Db;
  let dir: string;

  beforeAll(async () => {
    server = await startPostgres();
    pgDb = await openPgDb(await server.createDatabase());
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "tracemark-search-"));
    sqlite = openDb(path.join(dir, "index.sqlite"));
    let rowid = 0;
    for (const [id, [prompt, response, tools]] of Object.entries(TEXTS)) {
      sqlite.$client
        .prepare(
          "INSERT INTO turn_search (rowid, turn_id, session_id, prompt, response, tools) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .run(++rowid, id, "s", prompt, response, tools);
      await pgDb.$client.query(
        "INSERT INTO turn_search (turn_id, session_id, prompt, response, tools) VALUES ($1, $2, $3, $4, $5)",
        [id, "s", prompt, response, tools],
      );
      // each prompt again as a note, through the labels tables (triggers on SQLite, a generated column here)
      sqlite.$client
        .prepare(
          "INSERT INTO labels (target_type, target_id, note, labeled_by, labeled_at) VALUES ('turn', ?, ?, 'a', 1)",
        )
        .run(id, prompt);
      await pgDb.$client.query(
        "INSERT INTO labels (target_type, target_id, note, labeled_by, labeled_at) VALUES ('turn', $1, $2, 'a', 1)",
        [id, prompt],
      );
    }
  });

  afterAll(async () => {
    sqlite?.$client.close();
    await pgDb?.$client.end();
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const sqliteTurns = (q: string): string[] =>
    (
      sqlite.$client.prepare("SELECT turn_id AS id FROM turn_search WHERE turn_search MATCH ?").all(q) as {
        id: string;
      }[]
    )
      .map((row) => row.id)
      .sort();
  const sqliteNotes = (q: string): string[] =>
    (
      sqlite.$client
        .prepare(
          "SELECT target_id AS id FROM labels WHERE rowid IN (SELECT rowid FROM note_search WHERE note_search MATCH ?)",
        )
        .all(q) as { id: string }[]
    )
      .map((row) => row.id)
      .sort();
  const pgIds = async (sql: string, q: string): Promise<string[]> =>
    ((await pgDb.$client.query(sql, [q])).rows as { id: string }[]).map((row) => row.id).sort();

  test.each(INPUTS)("%s: the same turns and notes match on both engines", async (input) => {
    const fts = toFtsQuery(input);
    const tsQuery = fts === undefined ? undefined : toTsQuery(fts);
    expect(tsQuery === undefined).toBe(fts === undefined);
    if (fts === undefined || tsQuery === undefined) return;
    const turns = await pgIds(
      "SELECT turn_id AS id FROM turn_search WHERE document @@ to_tsquery('simple', $1)",
      tsQuery,
    );
    expect(turns, `turns for ${fts} → ${tsQuery}`).toEqual(sqliteTurns(fts));
    const notes = await pgIds(
      "SELECT target_id AS id FROM labels WHERE note_search @@ to_tsquery('simple', $1)",
      tsQuery,
    );
    expect(notes, `notes for ${fts} → ${tsQuery}`).toEqual(sqliteNotes(fts));
  });

  test("the comparison is not vacuous: inputs that must match do, on PostgreSQL", async () => {
    const hits = async (input: string) =>
      pgIds(
        "SELECT turn_id AS id FROM turn_search WHERE document @@ to_tsquery('simple', $1)",
        toTsQuery(toFtsQuery(input)!)!,
      );
    expect(await hits("session_id")).toEqual(["snake"]);
    expect(await hits("src/lib")).toEqual(["paths"]);
    expect(await hits("fix edited")).toEqual(["paths"]); // words from two columns of one turn
    expect(await hits("nothingmatchesthis")).toEqual([]);
  });
});

test("toTsQuery: phrases of adjacent words, the last a prefix, all of them ANDed", () => {
  expect(toTsQuery('"session_id"* "Tok"*')).toBe("(session <-> id:*) & tok:*");
  expect(toTsQuery('"a""b"')).toBe("(a <-> b)");
  expect(toTsQuery('"___"*')).toBeUndefined();
  expect(toTsQuery("")).toBeUndefined();
});
