// The SQL fragments that differ between the engines, for the query modules to splice in (everything else they
// write once, in SQL both accept). Each pair says the same thing in each engine's terms.
import type { Dialect } from "./store";

export interface Fragments {
  /** The values of a JSON array parameter, as a one-column subquery: `x IN (${jsonValues("@ids")})`. */
  jsonValues(param: string): string;
  /** The condition on turn_search selecting the rows of a session's turns. SQLite: FTS5 rows carry their
   * turn's rowid (reached through `turns_session`); Postgres: the row has its session id. */
  turnSearchOfSession(param: string): string;
  /** A top-level field of a JSON text column, as text: `jsonField("l.attributes", "@key")`, the parameter's
   * value made by `jsonFieldKey(name)` (SQLite takes a JSON path, Postgres the bare key). */
  jsonField(column: string, param: string): string;
  jsonFieldKey(name: string): string;
}

const SQLITE: Fragments = {
  jsonValues: (param) => `SELECT value FROM json_each(${param})`,
  turnSearchOfSession: (param) => `rowid IN (SELECT rowid FROM turns WHERE session_id = ${param})`,
  jsonField: (column, param) => `${column} ->> ${param}`,
  jsonFieldKey: (name) => `$."${name.replace(/"/g, "")}"`,
};

const POSTGRES: Fragments = {
  jsonValues: (param) => `SELECT json_array_elements_text(CAST(${param} AS json))`,
  turnSearchOfSession: (param) => `session_id = ${param}`,
  jsonField: (column, param) => `CAST(${column} AS jsonb) ->> ${param}`,
  jsonFieldKey: (name) => name,
};

export const fragmentsOf = (dialect: Dialect): Fragments => (dialect === "sqlite" ? SQLITE : POSTGRES);
