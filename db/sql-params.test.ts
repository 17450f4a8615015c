import { expect, test } from "vitest";
import { toPositional } from "./sql-params";

test("@name and ? become $n in order; a name used twice is one value", () => {
  expect(toPositional("SELECT * FROM t WHERE a = @a AND b = @b OR a = @a", { a: 1, b: "x" })).toEqual({
    text: "SELECT * FROM t WHERE a = $1 AND b = $2 OR a = $1",
    values: [1, "x"],
  });
  expect(toPositional("INSERT INTO t VALUES (?, ?)", [1, undefined])).toEqual({
    text: "INSERT INTO t VALUES ($1, $2)",
    values: [1, null],
  });
});

test("string literals, quoted names, comments and the @@ operator are not parameters", () => {
  const sql = `SELECT '@a ? it''s' AS "x@y", d @@ q -- @a ?
    /* @b */ FROM t WHERE c = @c`;
  expect(toPositional(sql, { c: 3 })).toEqual({
    text: `SELECT '@a ? it''s' AS "x@y", d @@ q -- @a ?
    /* @b */ FROM t WHERE c = $1`,
    values: [3],
  });
});

test("camelCase aliases are quoted wherever they appear; keywords, columns and qualified names are not", () => {
  expect(
    toPositional(
      "SELECT t.session_id AS sessionId, count(*) AS n FROM turns t GROUP BY sessionId ORDER BY sessionId DESC",
    ).text,
  ).toBe(
    'SELECT t.session_id AS "sessionId", count(*) AS n FROM turns t GROUP BY "sessionId" ORDER BY "sessionId" DESC',
  );
});

test("a missing or surplus value is an error, as on SQLite", () => {
  expect(() => toPositional("SELECT @a", {})).toThrow(/Missing named parameter "a"/);
  expect(() => toPositional("SELECT ?", [])).toThrow(/Too few/);
  expect(() => toPositional("SELECT ?", [1, 2])).toThrow(/Too many/);
});
