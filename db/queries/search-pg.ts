// The PostgreSQL side of full-text search: the sanitized FTS5 query the search box produces
// (lib/sessions/search.ts toFtsQuery: every word a quoted prefix phrase, all of them ANDed) as a tsquery with
// the same matches over the tsvector columns of db/schema-pg.ts (words split where FTS5's unicode61 splits).

const PHRASE = /"((?:[^"]|"")*)"(\*?)/g;
/** unicode61's token characters (letters, digits, private use); everything else separates words. */
const TOKEN = /[\p{L}\p{N}\p{Co}]+/gu;

/** As the tsvector columns fold their text (db/schema-pg.ts searchable): lower case, Latin diacritics removed. */
const fold = (word: string): string =>
  word
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]+/g, "");

/**
 * `"session_id"* "tok"*` → `session <-> id:* & tok:*`: a phrase's words follow each other, only its last is a
 * prefix (as in FTS5). Tokens are letters and digits only, so nothing in them is tsquery syntax. Undefined when
 * no phrase holds a word (FTS5 would match nothing either).
 */
export function toTsQuery(ftsQuery: string): string | undefined {
  const phrases: string[] = [];
  for (const [, body = "", star] of ftsQuery.matchAll(PHRASE)) {
    const words = fold(body.replaceAll('""', '"')).match(TOKEN) ?? [];
    if (words.length === 0) continue;
    if (star) words[words.length - 1] += ":*";
    phrases.push(words.length === 1 ? words[0] : `(${words.join(" <-> ")})`);
  }
  return phrases.length > 0 ? phrases.join(" & ") : undefined;
}
