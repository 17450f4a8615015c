// Find in a session: which turns contain every term (case-insensitive, any field a reader sees), shared by
// the server's find route (lib/sessions/find.ts, over every turn) and its tests. Pure, browser-safe.

/** The fields of a turn find searches (a TurnData or TurnView has them all). */
export interface FindableTurn {
  prompt: string | null;
  response: string | null;
  messages?: { text: string }[] | null;
  tool_calls: { name: string; arguments: string | null; output: string | null }[];
}

/** Most terms a query may have (the route answers 400 beyond it). */
export const MAX_FIND_TERMS = 20;

export function findTerms(query: string): string[] {
  return [
    ...new Set(
      query
        .toLowerCase()
        .split(/\s+/)
        .filter((term) => term.length > 0),
    ),
  ];
}

/** Everything a reader can see of a turn, with its note, lowercased, for matching. */
export function findableText(turn: FindableTurn, note: string): string {
  const parts: (string | null)[] = [turn.prompt, turn.response];
  for (const message of turn.messages ?? []) parts.push(message.text);
  for (const call of turn.tool_calls) parts.push(call.name, call.arguments, call.output);
  parts.push(note);
  return parts
    .filter((part): part is string => part !== null)
    .join("\n")
    .toLowerCase();
}

export function matchesTerms(text: string, terms: readonly string[]): boolean {
  return terms.length > 0 && terms.every((term) => text.includes(term));
}

/**
 * How a term appears inside the stored JSON text of a turn, for an SQL prefilter, or null when no such
 * needle is exact enough: JSON escapes `"`, `\` and control characters, and SQLite's lower() folds ASCII only,
 * so a term with other characters is checked by the exact match alone.
 */
export function jsonNeedle(term: string): string | null {
  // eslint-disable-next-line no-control-regex -- ASCII is the point: SQLite's lower() folds nothing else
  if (!/^[\x00-\x7f]+$/.test(term)) return null;
  return JSON.stringify(term).slice(1, -1);
}
