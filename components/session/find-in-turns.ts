// Find in a session, in the browser: the text ranges of the terms in what is rendered (for the highlight).
// Which turns match is the server's answer (GET /api/sessions/{id}/find, lib/shared/find.ts).

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
