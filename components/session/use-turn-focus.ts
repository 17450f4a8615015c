"use client";
// The focused turn and the selected range of one session view. Focus survives refetches by id; until the
// person moves it is the linked turn (`?turn=`) or the first one. It follows the reader's scrolling
// (use-reading-focus) and is kept on screen when keys move it; a key never acts on a turn off screen.
// Turns are virtualized (turn-list.tsx): a turn that is not rendered is brought in by `scrollToIndex`.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { isOnScreen, turnAtReadingLine, useReadingFocus } from "./use-reading-focus";

/** Aligns a turn taller than most of the screen at its top (where its prompt is); others move the least. */
function scrollTurnIntoView(turnId: string, index: number, scrollToIndex: (index: number) => void): void {
  const element = document.getElementById(`turn-${turnId}`);
  if (!element) return scrollToIndex(index);
  const tall = element.getBoundingClientRect().height > window.innerHeight * 0.7;
  element.scrollIntoView({ block: tall ? "start" : "nearest" });
}

export function useTurnFocus<T extends { id: string }>(
  turns: readonly T[],
  initialTurnId: string | null,
  scrollToIndex: (index: number) => void,
) {
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const [anchorId, setAnchorId] = useState<string | null>(null);
  const indexById = useMemo(() => new Map(turns.map((turn, i) => [turn.id, i])), [turns]);
  const focus =
    focusedId !== null && indexById.has(focusedId)
      ? focusedId
      : initialTurnId !== null && indexById.has(initialTurnId)
        ? initialTurnId
        : (turns[0]?.id ?? null);
  // Keys replayed in one go (held-keys.ts) must see the focus the previous key left, before any render.
  const focusRef = useRef(focus);
  const anchorRef = useRef(anchorId);
  const scrolling = useRef({ indexById, scrollToIndex });
  useLayoutEffect(() => {
    focusRef.current = focus;
    anchorRef.current = anchorId;
    scrolling.current = { indexById, scrollToIndex };
  });
  /** A focus the reader already sees (scrolled to, clicked): the page must not move for it. */
  const quiet = useRef<string | null>(null);

  const setFocus = (turnId: string, options: { quiet?: boolean; keepRange?: boolean } = {}): void => {
    if (options.quiet) quiet.current = turnId;
    focusRef.current = turnId;
    setFocusedId(turnId);
    if (!options.keepRange) {
      anchorRef.current = null;
      setAnchorId(null);
    }
  };

  const beforeOwnScroll = useReadingFocus((turnId) => {
    if (turnId !== focusRef.current && indexById.has(turnId)) setFocus(turnId, { quiet: true });
  });

  useEffect(() => {
    if (focus === null) return;
    if (quiet.current === focus) {
      quiet.current = null;
      return;
    }
    beforeOwnScroll();
    // Read through a ref: only a new focus scrolls, a refreshed outline (same focus) must not move the page.
    const { indexById: positions, scrollToIndex: scrollTo } = scrolling.current;
    scrollTurnIntoView(focus, positions.get(focus) ?? 0, scrollTo);
  }, [focus, beforeOwnScroll]);

  const step = (delta: 1 | -1, keepRange: boolean): void => {
    const index = focusRef.current === null ? -1 : (indexById.get(focusRef.current) ?? -1);
    const target = turns[Math.max(0, Math.min(turns.length - 1, index + delta))];
    if (target) setFocus(target.id, { keepRange });
  };

  return {
    focus,
    indexById,
    /** The focus as of the last key, even before React re-rendered. */
    current: () => focusRef.current,
    setFocus,
    move: (delta: 1 | -1) => step(delta, false),
    /** Shift+J / Shift+K: the range grows from where it started (the focus when it began). */
    extend: (delta: 1 | -1) => {
      if (anchorRef.current === null && focusRef.current !== null) {
        anchorRef.current = focusRef.current;
        setAnchorId(focusRef.current);
      }
      step(delta, true);
    },
    /** The turns of the selected range (empty without one). */
    range: (): T[] => {
      const from = anchorRef.current === null ? undefined : indexById.get(anchorRef.current);
      const to = focusRef.current === null ? undefined : indexById.get(focusRef.current);
      if (from === undefined || to === undefined || from === to) return [];
      return turns.slice(Math.min(from, to), Math.max(from, to) + 1);
    },
    selected: (turnId: string): boolean => {
      const from = anchorId === null ? undefined : indexById.get(anchorId);
      const to = focus === null ? undefined : indexById.get(focus);
      const at = indexById.get(turnId);
      if (from === undefined || to === undefined || at === undefined || from === to) return false;
      return at >= Math.min(from, to) && at <= Math.max(from, to);
    },
    /** The turn a key acts on: the focused one when on screen, else the one being read (which gets focus). */
    target: (): string | null => {
      const id = focusRef.current;
      if (id === null) return null;
      const element = document.getElementById(`turn-${id}`);
      if (element && isOnScreen(element)) return id;
      const reading = turnAtReadingLine();
      if (reading === null || !indexById.has(reading)) return id;
      setFocus(reading, { quiet: true });
      return reading;
    },
  };
}
