// Query text written for SQLite's conventions → what node-postgres takes: `@name` and `?` placeholders become
// `$1, $2, …` with the values in order, and camelCase aliases (`AS sessionId`) are quoted, since Postgres folds
// unquoted names to lower case and every query module reads its rows by the camelCase keys. Hand-written: a
// scanner that skips string literals, quoted names and comments is all this needs (no SQL parser does only this).
import type { Params } from "./store";

export interface PositionalQuery {
  text: string;
  values: unknown[];
}

const IDENT_START = /[A-Za-z_]/;
const IDENT = /[A-Za-z0-9_$]/;

/** Length of the literal, quoted name or comment starting at `at`, or 0 when none starts there. */
function skipLength(sql: string, at: number): number {
  const char = sql[at];
  if (char === "'" || char === '"') {
    let end = at + 1;
    for (;;) {
      end = sql.indexOf(char, end);
      if (end === -1) return sql.length - at;
      if (sql[end + 1] !== char) return end + 1 - at;
      end += 2; // a doubled quote is part of the literal
    }
  }
  if (char === "-" && sql[at + 1] === "-") {
    const end = sql.indexOf("\n", at);
    return (end === -1 ? sql.length : end) - at;
  }
  if (char === "/" && sql[at + 1] === "*") {
    const end = sql.indexOf("*/", at + 2);
    return (end === -1 ? sql.length : end + 2) - at;
  }
  return 0;
}

/** A word of mixed case is one of our aliases: keywords are written in capitals, tables and columns in lower. */
const isAlias = (word: string): boolean => /[a-z]/.test(word) && /[A-Z]/.test(word);

export function toPositional(sql: string, params: Params = []): PositionalQuery {
  const named = Array.isArray(params) ? undefined : (params as Record<string, unknown>);
  const positional = Array.isArray(params) ? (params as readonly unknown[]) : undefined;
  const values: unknown[] = [];
  const numbers = new Map<string, number>();
  let text = "";
  let next = 0;
  for (let at = 0; at < sql.length;) {
    const skip = skipLength(sql, at);
    const char = sql[at]!;
    if (skip > 0) {
      text += sql.slice(at, at + skip);
      at += skip;
    } else if (char === "@" && sql[at - 1] !== "@" && IDENT_START.test(sql[at + 1] ?? "")) {
      let end = at + 1;
      while (end < sql.length && IDENT.test(sql[end]!)) end++;
      const name = sql.slice(at + 1, end);
      if (!named || !(name in named)) throw new Error(`Missing named parameter "${name}"`);
      let number = numbers.get(name);
      if (number === undefined) {
        values.push(named[name] ?? null);
        number = values.length;
        numbers.set(name, number);
      }
      text += `$${number}`;
      at = end;
    } else if (char === "?") {
      if (!positional || next >= positional.length) throw new Error("Too few parameter values were provided");
      values.push(positional[next++] ?? null);
      text += `$${values.length}`;
      at++;
    } else if (IDENT_START.test(char) && !IDENT.test(sql[at - 1] ?? "")) {
      let end = at + 1;
      while (end < sql.length && IDENT.test(sql[end]!)) end++;
      const word = sql.slice(at, end);
      text += isAlias(word) && sql[at - 1] !== "." ? `"${word}"` : word;
      at = end;
    } else {
      text += char;
      at++;
    }
  }
  if (positional && next < positional.length) throw new Error("Too many parameter values were provided");
  return { text, values };
}
