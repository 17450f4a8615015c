"use client";
// Find in this session (`/` or Ctrl/Cmd+F): the server searches every turn, loaded by the page or not
// (GET /api/sessions/{id}/find); Enter / Shift+Enter step through the matching turns (focusing each, which
// scrolls to it and loads it); an Enter typed before the answer arrives steps once it does. The terms are
// highlighted with the CSS Custom Highlight API, so the rendered text is never rewritten. Opened by `?q=` it
// focuses the first match.
import { useEffect, useMemo, useRef, useState } from "react";
import { findTerms } from "@/lib/shared/find";
import { errorText, findInSession } from "../api";
import { termRanges } from "./find-in-turns";

const HIGHLIGHT = "tracemark-find";
/** Typing pauses shorter than this send one request, not one per key. */
const FIND_DEBOUNCE_MS = 120;

interface Props {
  sessionId: string;
  /** Changes when the session's turns do (live updates): the search runs again. */
  version: unknown;
  initialQuery: string | null;
  /** Opened by `?q=` without a `?turn=`: focus the first match (a deep link to a turn wins over the search). */
  focusFirstMatch: boolean;
  focused: string | null;
  onFocusTurn: (turnId: string) => void;
  onClose: () => void;
  /** Opened by `?q=`: called once its first answer is in (and the first match focused), so keys can act. */
  onLinkedFound?: () => void;
}

/** The matching turn ids for the terms, null while the answer for these terms is on its way. */
function useFindResults(
  sessionId: string,
  terms: string[],
  version: unknown,
): { ids: string[] | null; error: string | null } {
  const key = terms.join(" ");
  const [result, setResult] = useState<{ key: string; ids: string[]; error: string | null } | null>(null);
  useEffect(() => {
    if (key === "") return;
    const abort = new AbortController();
    const timer = setTimeout(() => {
      findInSession(sessionId, key, abort.signal).then(
        (found) => setResult({ key, ids: found.turn_ids, error: null }),
        (error: unknown) => {
          if (!abort.signal.aborted) setResult({ key, ids: [], error: errorText(error) });
        },
      );
    }, FIND_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [sessionId, key, version]);
  if (key === "") return { ids: [], error: null };
  return result?.key === key ? { ids: result.ids, error: result.error } : { ids: null, error: null };
}

export function FindBar({
  sessionId,
  version,
  initialQuery,
  focusFirstMatch,
  focused,
  onFocusTurn,
  onClose,
  onLinkedFound,
}: Props) {
  const [query, setQuery] = useState(initialQuery ?? "");
  const [highlights, setHighlights] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const terms = useMemo(() => findTerms(query), [query]);
  const found = useFindResults(sessionId, terms, version);
  const matches = useMemo(() => found.ids ?? [], [found.ids]);
  const position = focused === null ? -1 : matches.indexOf(focused);
  /** Enter pressed while the answer was on its way: stepped once it is here. */
  const pendingStep = useRef<1 | -1 | null>(null);

  // Typed by the person: focus the input. From `?q=`: leave the keys to labeling, focus the first match.
  const linked = useRef(initialQuery !== null);
  useEffect(() => {
    if (!linked.current) input.current?.focus();
  }, []);
  useEffect(() => {
    if (!linked.current || (found.ids === null && found.error === null)) return;
    linked.current = false;
    if (focusFirstMatch && found.ids && found.ids.length > 0) onFocusTurn(found.ids[0]!);
    onLinkedFound?.();
  }, [found.ids, found.error, onFocusTurn, focusFirstMatch, onLinkedFound]);

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
  }, [terms, version]); // the list appears (and is refreshed) with the session

  const stepThrough = (ids: string[], delta: 1 | -1): void => {
    if (ids.length === 0) return;
    const at = focused === null ? -1 : ids.indexOf(focused);
    const next = at === -1 ? (delta === 1 ? 0 : ids.length - 1) : (at + delta + ids.length) % ids.length;
    onFocusTurn(ids[next]!);
  };
  const step = (delta: 1 | -1): void => {
    if (found.ids === null) pendingStep.current = delta;
    else stepThrough(found.ids, delta);
  };
  const stepPending = useRef(stepThrough);
  useEffect(() => {
    stepPending.current = stepThrough;
  });
  useEffect(() => {
    if (found.ids === null || pendingStep.current === null) return;
    const delta = pendingStep.current;
    pendingStep.current = null;
    stepPending.current(found.ids, delta);
  }, [found.ids]);

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
          : found.error !== null
            ? `find failed: ${found.error}`
            : found.ids === null
              ? "searching…"
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
