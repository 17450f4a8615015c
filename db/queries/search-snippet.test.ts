// The TypeScript snippet (what PostgreSQL's search shows) against FTS5's own snippet() on the same rows: the
// same window, hit marks and ellipses, over generated texts (sentences, repeats, phrases, long and short
// columns, columns without a hit) and hand-picked ones (paths, accents, CJK, code).
import Database from "better-sqlite3";
import { afterAll, expect, test } from "vitest";
import { toFtsQuery } from "@/lib/sessions/search";
import { phrasesOf, snippetOf } from "./search-snippet";
import { seededRandom } from "@/e2e/support/seeded-random";

const sqlite = new Database(":memory:");
sqlite.exec("CREATE VIRTUAL TABLE docs USING fts5(a, b, tokenize = 'unicode61')");
afterAll(() => sqlite.close());

const MARKS = { open: "[", close: "]", ellipsis: "…", tokens: 24 };
const WORDS = [
  "parser",
  "fix",
  "session",
  "id",
  "the",
  "tool",
  "Bash",
  "error",
  "naïve",
  "ls",
  "src/lib",
  "x_1",
];
const GLUE = [" ", " ", " ", ", ", ". ", ": ", "\n", " (", ") ", " - ", ".\n\n", "_"];

function textOf(next: () => number, words: number): string {
  let text = "";
  for (let i = 0; i < words; i++) {
    text += WORDS[Math.floor(next() * WORDS.length)]! + GLUE[Math.floor(next() * GLUE.length)]!;
  }
  return text;
}

/** Compares the row's two snippets; false when FTS5 does not match the row (it shows snippets of matches only). */
function expectSameSnippets(a: string, b: string, query: string): boolean {
  sqlite.prepare("DELETE FROM docs").run();
  sqlite.prepare("INSERT INTO docs (a, b) VALUES (?, ?)").run(a, b);
  const row = sqlite
    .prepare(
      `SELECT snippet(docs, 0, '[', ']', '…', 24) AS a, snippet(docs, 1, '[', ']', '…', 24) AS b
       FROM docs WHERE docs MATCH ?`,
    )
    .get(query) as { a: string; b: string } | undefined;
  if (!row) return false;
  const phrases = phrasesOf(query);
  expect(
    { a: snippetOf(a, phrases, MARKS), b: snippetOf(b, phrases, MARKS) },
    JSON.stringify({ a, b, query }),
  ).toEqual(row);
  return true;
}

test("generated texts: the same snippets as FTS5", () => {
  const next = seededRandom(17);
  const queries = [
    "parser",
    "fix parser",
    "session_id",
    "sess",
    "the tool",
    "error ls",
    "naive",
    "x_1",
    "src lib",
  ];
  let matched = 0;
  for (let i = 0; i < 400; i++) {
    const a = textOf(next, Math.floor(next() * 120));
    const b = textOf(next, Math.floor(next() * 30));
    const query = toFtsQuery(queries[i % queries.length]!)!;
    if (expectSameSnippets(a, b, query)) matched++;
  }
  expect(matched).toBeGreaterThan(250);
});

test("hand-picked texts: the same snippets as FTS5", () => {
  const cases: [string, string, string][] = [
    ["Open src/lib/session-store.ts and fix it", "Done: edited 2 files.", "src lib"],
    ["東京タワー の 写真", "Größe ändern naïve", "größe"],
    ["Größe ändern naïve. Another sentence: here.", "", "NAIVE"],
    ['fn main() { println!("hi"); }', "x_1 = foo(bar, baz)->qux;", "println"],
    ["", "only the second column has it", "second"],
    ["word ".repeat(200) + "needle at the end", "b", "needle"],
    ["needle at the start " + "word ".repeat(200), "b", "needle"],
    [
      "a. b. c. d. e. f. g. h. i. j. k. l. m. n. o. p. q. r. s. t. u. v. w. x. y. z. needle. a. b. c.",
      "",
      "needle",
    ],
    ["rename session_id to sessionKey, then session id again", "renamed", "session_id"],
  ];
  for (const [a, b, input] of cases) expect(expectSameSnippets(a, b, toFtsQuery(input)!), a).toBe(true);
});
