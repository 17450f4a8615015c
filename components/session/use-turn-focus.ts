"use client";
// The focused turn and the selected range of one session view. Focus survives refetches by id; until the
// person moves it is the linked turn (`?turn=`) or the first one. It follows the reader's scrolling
// (use-reading-focus) and is kept on screen when keys move it; a key never acts on a turn off screen.
// Turns are virtualized (turn-list.tsx): a turn that is not rendered is brought in by `scrollToIndex`.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { isOnScreen, turnAtReadingLine, useReadingFocus } from "./use-reading-focus";

/** Frames a far jump may take to settle: its range is fetched, then the turns around it are measured. */
const SETTLE_FRAMES = 240;
let settling = 0;
/** The reader's own scrolling ends a jump still settling: the page must follow them, not the jump. */
const stopSettling = (): void => void settling++;

/**
 * A turn that is not rendered: the virtualizer scrolls to its estimated place, then, frame by frame, the turn
 * is brought back to the top until it is loaded and stays there (the turns around it change their heights as
 * their data arrives and they are measured, which moves it).
 */
function scrollToFarTurn(turnId: string, index: number, scrollToIndex: (index: number) => void): void {
  scrollToIndex(index);
  const mine = ++settling;
  let steady = 0;
  const check = (frame: number): void => {
    if (mine !== settling || frame > SETTLE_FRAMES) return;
    const element = document.getElementById(`turn-${turnId}`);
    const top = element?.getBoundingClientRect().top;
    if (element && top !== undefined && isOnScreen(element) && top < window.innerHeight / 2) {
      if (element.dataset.loaded !== "false") steady++;
    } else {
      steady = 0;
      element?.scrollIntoView({ block: "start" });
    }
    if (steady < 10) requestAnimationFrame(() => check(frame + 1));
  };
  requestAnimationFrame(() => check(0));
}

if (typeof window !== "undefined")
  for (const type of ["wheel", "touchmove", "mousedown"])
    window.addEventListener(type, stopSettling, { passive: true, capture: true });

/** Aligns a turn taller than most of the screen at its top (where its prompt is); others move the least. */
function scrollTurnIntoView(turnId: string, index: number, scrollToIndex: (index: number) => void): void {
  const element = document.getElementById(`turn-${turnId}`);
  if (!element) return scrollToFarTurn(turnId, index, scrollToIndex);
  settling++; // a nearer move replaces a far jump still settling
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
