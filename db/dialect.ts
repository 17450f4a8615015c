// The SQL fragments that differ between the engines, for the query modules to splice in (everything else they
// write once, in SQL both accept). Each pair says the same thing in each engine's terms.
import type { Dialect } from "./store";

export interface Fragments {
  /** The values of a JSON array parameter, as a one-column subquery: `x IN (${jsonValues("@ids")})`. */
  jsonValues(param: string): string;
  /** The same for an array of integers, compared with an integer column (Postgres compares no bigint with text). */
  jsonIntegers(param: string): string;
  /** The condition on turn_search selecting the rows of a session's turns. SQLite: FTS5 rows carry their
   * turn's rowid (reached through `turns_session`); Postgres: the row has its session id. */
  turnSearchOfSession(param: string): string;
  /** A top-level field of a JSON text column, as text: `jsonField("l.attributes", "@key")`, the parameter's
   * value made by `jsonFieldKey(name)` (SQLite takes a JSON path, Postgres the bare key). */
  jsonField(column: string, param: string): string;
  jsonFieldKey(name: string): string;
  /** Joins the values of a JSON array column as rows of `alias` (its column: `value`); a row without
   * values is kept (left join, value NULL) or dropped. */
  leftJoinJsonValues(column: string, alias: string): string;
  joinJsonValues(column: string, alias: string): string;
  /** Linearly interpolated percentiles of a column's non-NULL values (SQLite 3.47's median/percentile,
   * Postgres' percentile_cont). */
  median(expression: string): string;
  percentile(expression: string, percent: number): string;
  /** The join that keeps its left side as the outer loop: SQLite's CROSS JOIN is its planner's hint (the
   * label counts rely on it); Postgres' CROSS JOIN takes no ON, and its planner needs no hint. */
  outerLoopJoin: string;
  /** Whether a JSON array column holds the value of `param`. */
  jsonArrayHas(column: string, param: string): string;
  /** The distinct values of `column` in `from` (a table and its WHERE), comma-joined in byte order; NULL when none. */
  distinctList(column: string, from: string): string;
  /** The values of `column` in `from`, comma-joined in no promised order; NULL when none. */
  list(column: string, from: string): string;
  /** An ORDER BY direction placing NULL where SQLite does (lowest); Postgres sorts NULL highest by default. */
  direction(dir: "ASC" | "DESC"): string;
  /** A top-level field of a JSON text column as text, the field named in the code (`jsonText("t.data", "prompt")`). */
  jsonText(column: string, name: string): string;
  /** The length of a top-level JSON array field; NULL when the field is absent. */
  jsonArrayLength(column: string, name: string): string;
  /** Text compared in byte order, as SQLite's BINARY and the "C" collation of Postgres' text columns (for
   * computed text, which Postgres would otherwise compare in the database's locale). */
  bytewise(expression: string): string;
}

const SQLITE: Fragments = {
  jsonValues: (param) => `SELECT value FROM json_each(${param})`,
  jsonIntegers: (param) => `SELECT value FROM json_each(${param})`,
  turnSearchOfSession: (param) => `rowid IN (SELECT rowid FROM turns WHERE session_id = ${param})`,
  jsonField: (column, param) => `${column} ->> ${param}`,
  jsonFieldKey: (name) => `$."${name.replace(/"/g, "")}"`,
  leftJoinJsonValues: (column, alias) => `LEFT JOIN json_each(${column}) ${alias}`,
  joinJsonValues: (column, alias) => `JOIN json_each(${column}) ${alias}`,
  median: (expression) => `median(${expression})`,
  percentile: (expression, percent) => `percentile(${expression}, ${percent})`,
  outerLoopJoin: "CROSS JOIN",
  jsonArrayHas: (column, param) => `EXISTS (SELECT 1 FROM json_each(${column}) WHERE value = ${param})`,
  distinctList: (column, from) =>
    `(SELECT group_concat(${column}) FROM (SELECT DISTINCT ${column} FROM ${from} ORDER BY ${column}))`,
  list: (column, from) => `(SELECT group_concat(${column}) FROM ${from})`,
  direction: (dir) => dir,
  jsonText: (column, name) => `(${column} ->> '$.${name}')`,
  jsonArrayLength: (column, name) => `json_array_length(${column}, '$.${name}')`,
  bytewise: (expression) => expression,
};

const POSTGRES: Fragments = {
  jsonValues: (param) => `SELECT json_array_elements_text(CAST(${param} AS json))`,
  jsonIntegers: (param) => `SELECT CAST(json_array_elements_text(CAST(${param} AS json)) AS bigint)`,
  turnSearchOfSession: (param) => `session_id = ${param}`,
  jsonField: (column, param) => `CAST(${column} AS jsonb) ->> ${param}`,
  jsonFieldKey: (name) => name,
  leftJoinJsonValues: (column, alias) =>
    `LEFT JOIN LATERAL json_array_elements_text(CAST(${column} AS json)) AS ${alias}(value) ON true`,
  joinJsonValues: (column, alias) =>
    `CROSS JOIN LATERAL json_array_elements_text(CAST(${column} AS json)) AS ${alias}(value)`,
  median: (expression) => `percentile_cont(0.5) WITHIN GROUP (ORDER BY ${expression})`,
  percentile: (expression, percent) =>
    `percentile_cont(${percent / 100}) WITHIN GROUP (ORDER BY ${expression})`,
  outerLoopJoin: "JOIN",
  jsonArrayHas: (column, param) =>
    `EXISTS (SELECT 1 FROM json_array_elements_text(CAST(${column} AS json)) AS j(value) WHERE value = ${param})`,
  distinctList: (column, from) =>
    `(SELECT string_agg(DISTINCT ${column}, ',' ORDER BY ${column}) FROM ${from})`,
  list: (column, from) => `(SELECT string_agg(${column}, ',') FROM ${from})`,
  direction: (dir) => (dir === "ASC" ? "ASC NULLS FIRST" : "DESC NULLS LAST"),
  // json, not jsonb: one field of a large document, read once; json skips building the binary form
  jsonText: (column, name) => `(CAST(${column} AS json) ->> '${name}')`,
  jsonArrayLength: (column, name) => `json_array_length(CAST(${column} AS json) -> '${name}')`,
  bytewise: (expression) => `(${expression}) COLLATE "C"`,
};

export const fragmentsOf = (dialect: Dialect): Fragments => (dialect === "sqlite" ? SQLITE : POSTGRES);
