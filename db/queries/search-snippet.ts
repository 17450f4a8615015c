// FTS5's snippet() in TypeScript, for PostgreSQL (whose ts_headline picks other words): the same window of
// tokens, the same hit marks and ellipses as SQLite gives for the same text and search-box query. A port of
// fts5SnippetFunction and fts5HighlightCb (sqlite3.c, ext/fts5/fts5_aux.c), tokenized as unicode61 does.

/** unicode61's token characters: letters, digits, private use; combining diacritics continue a token. */
const TOKEN = /[\p{L}\p{N}\p{Co}][\p{L}\p{N}\p{Co}\u0300-\u036f]*/gu;
const PHRASE = /"((?:[^"]|"")*)"(\*?)/g;

/** unicode61 with remove_diacritics=1: lower case, Latin diacritics removed (as db/queries/search-pg.ts). */
const fold = (word: string): string =>
  word
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]+/g, "");

interface Token {
  start: number;
  end: number;
  folded: string;
}

export interface Phrase {
  words: string[];
  /** The last word matches any token it begins. */
  prefix: boolean;
}

/** The phrases of a sanitized FTS5 query (lib/sessions/search.ts toFtsQuery: `"word"* "other"*`). */
export function phrasesOf(ftsQuery: string): Phrase[] {
  const phrases: Phrase[] = [];
  for (const [, body = "", star] of ftsQuery.matchAll(PHRASE)) {
    const words = [...fold(body.replaceAll('""', '"')).matchAll(TOKEN)].map((match) => match[0]);
    if (words.length > 0) phrases.push({ words, prefix: star === "*" });
  }
  return phrases;
}

const tokensOf = (text: string): Token[] =>
  [...text.matchAll(TOKEN)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
    folded: fold(match[0]),
  }));

interface Instance {
  phrase: number;
  pos: number;
}

/** Every phrase hit in the column, by position (and phrase, as FTS5's xInst orders them). */
function instancesOf(tokens: Token[], phrases: Phrase[]): Instance[] {
  const out: Instance[] = [];
  tokens.forEach((_, pos) => {
    phrases.forEach((phrase, index) => {
      const hit = phrase.words.every((word, i) => {
        const token = tokens[pos + i]?.folded;
        if (token === undefined) return false;
        return phrase.prefix && i === phrase.words.length - 1 ? token.startsWith(word) : token === word;
      });
      if (hit) out.push({ phrase: index, pos });
    });
  });
  return out;
}

/** Positions of tokens that start a sentence: the first, and those after `.` or `:` and white space. */
function sentenceStarts(text: string, tokens: Token[]): number[] {
  const firsts: number[] = [];
  tokens.forEach((token, pos) => {
    let i = token.start - 1;
    while (i >= 0 && " \t\n\r".includes(text[i]!)) i--;
    if (pos === 0 || (i !== token.start - 1 && i >= 0 && (text[i] === "." || text[i] === ":")))
      firsts.push(pos);
  });
  return firsts;
}

/** fts5SnippetScore: 1000 per phrase seen in the window, 1 per repeat; and the window centred on the hits. */
function scoreWindow(
  instances: Instance[],
  phrases: Phrase[],
  size: number,
  from: number,
  width: number,
): { score: number; start: number } {
  const seen = new Set<number>();
  let score = 0;
  let first = -1;
  let last = 0;
  for (const { phrase, pos } of instances) {
    if (pos < from || pos >= from + width) continue;
    score += seen.has(phrase) ? 1 : 1000;
    seen.add(phrase);
    if (first < 0) first = pos;
    last = pos + phrases[phrase]!.words.length;
  }
  let start = first - Math.trunc((width - (last - first)) / 2);
  if (start + width > size) start = size - width;
  return { score, start: Math.max(0, start) };
}

/** The best window's first token (fts5SnippetFunction's search, for one column). */
function bestStart(
  text: string,
  tokens: Token[],
  instances: Instance[],
  phrases: Phrase[],
  width: number,
): number {
  const firsts = sentenceStarts(text, tokens);
  let best = 0;
  let bestScore = 0;
  for (const { pos } of instances) {
    const window = scoreWindow(instances, phrases, tokens.length, pos, width);
    if (window.score > bestScore) [bestScore, best] = [window.score, window.start];
    if (firsts.length === 0 || tokens.length <= width) continue;
    let j = 0;
    while (j < firsts.length - 1 && firsts[j + 1]! <= pos) j++;
    const sentence = firsts[j]!;
    if (sentence >= pos) continue;
    const score =
      scoreWindow(instances, phrases, tokens.length, sentence, width).score + (sentence === 0 ? 120 : 100);
    if (score > bestScore) [bestScore, best] = [score, sentence];
  }
  return best;
}

/** Hits merged where they overlap (fts5CInstIterNext), as [first token, last token]. */
function coalesced(instances: Instance[], phrases: Phrase[]): [number, number][] {
  const groups: [number, number][] = [];
  for (const { phrase, pos } of instances) {
    const end = pos + phrases[phrase]!.words.length - 1;
    const group = groups[groups.length - 1];
    if (group && pos <= group[1]) group[1] = Math.max(group[1], end);
    else groups.push([pos, end]);
  }
  return groups;
}

export interface SnippetMarks {
  open: string;
  close: string;
  ellipsis: string;
  /** Tokens of context (FTS5's fifth argument). */
  tokens: number;
}

/** snippet(table, column, open, close, ellipsis, tokens) of one column's text; null for NULL, as FTS5. */
export function snippetOf(text: string | null, phrases: Phrase[], marks: SnippetMarks): string | null {
  if (text === null) return null;
  const tokens = tokensOf(text);
  const instances = instancesOf(tokens, phrases);
  const start = bestStart(text, tokens, instances, phrases, marks.tokens);
  const end = start + marks.tokens - 1;
  const groups = coalesced(instances, phrases);
  let group = groups.findIndex(([first]) => first >= start);
  if (group === -1) group = groups.length;
  const hit = (): [number, number] => groups[group] ?? [-1, -1];
  let out = start > 0 ? marks.ellipsis : "";
  let offset = 0;
  let open = false;
  for (let pos = start; pos <= end && pos < tokens.length; pos++) {
    const token = tokens[pos]!;
    if (start > 0 && pos === start) offset = token.start;
    if (open && (pos <= hit()[0] || hit()[0] < 0) && token.start > offset) {
      out += marks.close;
      open = false;
    }
    if (pos === hit()[0] && !open) {
      out += text.slice(offset, token.start) + marks.open;
      offset = token.start;
      open = true;
    }
    if (pos === hit()[1]) {
      if (!open) out += marks.open;
      open = true;
      out += text.slice(offset, token.end);
      offset = token.end;
      group++;
    }
    if (pos === end) {
      if (open) {
        if (hit()[0] >= 0 && pos >= hit()[0]) {
          out += text.slice(offset, token.end);
          offset = token.end;
        }
        out += marks.close;
        open = false;
      }
      out += text.slice(offset, token.end);
      offset = token.end;
    }
  }
  if (open) out += marks.close;
  return out + (end >= tokens.length - 1 ? text.slice(offset) : marks.ellipsis);
}
