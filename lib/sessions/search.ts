// Free text from the search box → a safe FTS5 query: every word quoted (AND of prefixes), so operators and
// quotes typed by the user can never produce an FTS5 syntax error.
export function toFtsQuery(text: string): string | undefined {
  const words = text.match(/[\p{L}\p{N}_]+/gu) ?? [];
  if (words.length === 0) return undefined;
  return words.slice(0, 20).map((word) => `"${word}"*`).join(" ");
}
