// Free text from the search box → a safe FTS5 query, and FTS5 snippets → text parts with their hits marked.
import { SNIPPET_CLOSE, SNIPPET_OPEN, type MatchField } from "@/db/queries/search";

/** Every word quoted (AND of prefixes), so operators and quotes typed by the user never make an FTS5 error. */
export function toFtsQuery(text: string): string | undefined {
  const words = text.match(/[\p{L}\p{N}_]+/gu) ?? [];
  if (words.length === 0) return undefined;
  return words.slice(0, 20).map((word) => `"${word}"*`).join(" ");
}

/** A piece of a snippet; `hit` pieces are the matched terms (rendered as <mark> by the UI, as text). */
export interface SnippetPart {
  text: string;
  hit: boolean;
}

/** Where a listed session matched the search (docs/api.md, `matches`). */
export interface SearchMatch {
  field: MatchField;
  /** The turn that matched (the session's first matching one), or null for the session's own note. */
  turn_id: string | null;
  turn_index: number | null;
  snippet: SnippetPart[];
}

/** Splits a snippet at its hit markers; a marker the text itself carried only moves a highlight. */
export function toSnippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  for (const [i, piece] of snippet.split(SNIPPET_OPEN).entries()) {
    const [hit, rest] = i === 0 ? [undefined, piece] : splitOnce(piece, SNIPPET_CLOSE);
    if (hit) parts.push({ text: hit, hit: true });
    if (rest) parts.push({ text: rest.replaceAll(SNIPPET_CLOSE, ""), hit: false });
  }
  return parts;
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at === -1 ? [text, ""] : [text.slice(0, at), text.slice(at + separator.length)];
}
