// Find in a session: which turns contain every term, searched in the turns' data (so turns not rendered
// yet are found too), and the text ranges of the terms in what is rendered (for the highlight).
import type { TurnView } from "@/lib/shared/views";

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

/** Per turn object: unchanged turns keep their identity across refetches (use-session-detail). */
const cache = new WeakMap<TurnView, string>();

/** Everything a reader can see of a turn, lowercased, for matching. */
export function searchableText(turn: TurnView): string {
  const cached = cache.get(turn);
  if (cached !== undefined) return cached;
  const parts: (string | null)[] = [turn.prompt, turn.response];
  for (const message of turn.messages ?? []) parts.push(message.text);
  for (const call of turn.tool_calls) parts.push(call.name, call.arguments, call.output);
  parts.push(turn.label.note);
  const text = parts
    .filter((part): part is string => part !== null)
    .join("\n")
    .toLowerCase();
  cache.set(turn, text);
  return text;
}

/** Ids of the turns that contain every term, in turn order. */
export function matchingTurns(
  turns: readonly TurnView[],
  terms: readonly string[],
  textOf: (turn: TurnView) => string,
): string[] {
  if (terms.length === 0) return [];
  return turns
    .filter((turn) => {
      const text = textOf(turn);
      return terms.every((term) => text.includes(term));
    })
    .map((turn) => turn.id);
}

/** Ranges of every term in the text under `root` (case-insensitive). */
export function termRanges(root: Node, terms: readonly string[]): Range[] {
  const ranges: Range[] = [];
  if (terms.length === 0) return ranges;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    const text = (node.nodeValue ?? "").toLowerCase();
    for (const term of terms) {
      for (let at = text.indexOf(term); at !== -1; at = text.indexOf(term, at + term.length)) {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + term.length);
        ranges.push(range);
      }
    }
  }
  return ranges;
}
