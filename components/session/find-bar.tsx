"use client";
// Find in this session (`/` or Ctrl/Cmd+F): matches every turn, rendered or not; Enter / Shift+Enter step
// through the matching turns (focusing each, which renders it); the terms are highlighted with the CSS
// Custom Highlight API, so the rendered text is never rewritten. Opened by `?q=` it focuses the first match.
import { useEffect, useMemo, useRef, useState } from "react";
import type { TurnView } from "@/lib/shared/views";
import { findTerms, matchingTurns, searchableText, termRanges } from "./find-in-turns";

const HIGHLIGHT = "tracemark-find";

interface Props {
  turns: TurnView[];
  initialQuery: string | null;
  /** Opened by `?q=` without a `?turn=`: focus the first match (a deep link to a turn wins over the search). */
  focusFirstMatch: boolean;
  focused: string | null;
  onFocusTurn: (turnId: string) => void;
  onClose: () => void;
}

export function FindBar({ turns, initialQuery, focusFirstMatch, focused, onFocusTurn, onClose }: Props) {
  const [query, setQuery] = useState(initialQuery ?? "");
  const [highlights, setHighlights] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const terms = useMemo(() => findTerms(query), [query]);
  const matches = useMemo(() => matchingTurns(turns, terms, searchableText), [turns, terms]);
  const position = focused === null ? -1 : matches.indexOf(focused);

  // Typed by the person: focus the input. From `?q=`: leave the keys to labeling, focus the first match.
  const linked = useRef(initialQuery !== null);
  useEffect(() => {
    if (!linked.current) input.current?.focus();
  }, []);
  useEffect(() => {
    if (!linked.current || matches.length === 0) return;
    linked.current = false;
    if (focusFirstMatch) onFocusTurn(matches[0]!);
  }, [matches, onFocusTurn, focusFirstMatch]);

  useEffect(() => {
    if (typeof CSS === "undefined" || !("highlights" in CSS)) return;
    const paint = (): void => {
      const list = document.querySelector('[aria-label="Turns"]');
      const ranges = list ? termRanges(list, terms) : [];
      CSS.highlights.set(HIGHLIGHT, new Highlight(...ranges));
      setHighlights(ranges.length);
    };
    let frame = requestAnimationFrame(paint);
    // Turns render as they near the viewport: highlight what appears.
    const observer = new MutationObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(paint);
    });
    const list = document.querySelector('[aria-label="Turns"]');
    if (list) observer.observe(list, { childList: true, subtree: true, characterData: true });
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      CSS.highlights.delete(HIGHLIGHT);
    };
  }, [terms, turns]);

  const step = (delta: 1 | -1): void => {
    if (matches.length === 0) return;
    const next =
      position === -1
        ? delta === 1
          ? 0
          : matches.length - 1
        : (position + delta + matches.length) % matches.length;
    onFocusTurn(matches[next]!);
  };

  return (
    <div
      role="search"
      className="sticky top-10 z-10 -mx-4 flex flex-wrap items-center gap-2 border-b border-zinc-200 bg-amber-50 px-4 py-1.5 text-sm dark:border-zinc-800 dark:bg-amber-950/40"
    >
      <input
        ref={input}
        type="search"
        data-testid="find-input"
        aria-label="Find in this session"
        placeholder="Find in this session"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter") {
            event.preventDefault();
            step(event.shiftKey ? -1 : 1);
          } else if (event.key === "Escape") {
            event.preventDefault();
            onClose();
          }
        }}
        className="min-w-0 flex-1 rounded border border-zinc-300 bg-white px-2 py-0.5 dark:border-zinc-700 dark:bg-zinc-900"
      />
      <span
        data-testid="find-status"
        data-highlights={highlights}
        className="text-xs text-zinc-600 tabular-nums dark:text-zinc-400"
      >
        {terms.length === 0
          ? ""
          : matches.length === 0
            ? "no turn matches"
            : `turn ${position === -1 ? "–" : position + 1} of ${matches.length} matching`}
      </span>
      <button
        type="button"
        onClick={() => step(-1)}
        className="rounded px-1.5 text-xs hover:bg-amber-100 dark:hover:bg-amber-900"
        title="Previous match (Shift+Enter)"
      >
        ↑
      </button>
      <button
        type="button"
        onClick={() => step(1)}
        className="rounded px-1.5 text-xs hover:bg-amber-100 dark:hover:bg-amber-900"
        title="Next match (Enter)"
      >
        ↓
      </button>
      <button
        type="button"
        onClick={onClose}
        className="rounded px-1.5 text-xs hover:bg-amber-100 dark:hover:bg-amber-900"
        aria-label="Close find"
      >
        ✕
      </button>
    </div>
  );
}
