// Free text from the search box → a safe FTS5 query, and FTS5 snippets → text parts with their hits marked.
import { SNIPPET_CLOSE, SNIPPET_OPEN } from "@/db/queries/search";
import type { SnippetPart } from "@/lib/shared/views";

/** Every word quoted (AND of prefixes), so operators and quotes typed by the user never make an FTS5 error. */
export function toFtsQuery(text: string): string | undefined {
  const words = text.match(/[\p{L}\p{N}_]+/gu) ?? [];
  if (words.length === 0) return undefined;
  return words
    .slice(0, 20)
    .map((word) => `"${word}"*`)
    .join(" ");
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
