"use client";
// Focus follows the reader: when the person scrolls (wheel, touch, scrollbar, PageDown, Space, Home/End),
// the turn at the reading line becomes the focused one, without scrolling the page again. Scrolls the view
// makes itself (keeping the focused turn on screen) are not the reader's and change nothing.
import { useCallback, useEffect, useRef } from "react";
import { isTypingTarget } from "../keyboard";

/** A third of the way down the screen: where eyes rest when reading a scrolled page. */
const READING_LINE = 1 / 3;
/** Keys the browser scrolls the page with (the view binds none of them). */
const SCROLL_KEYS = new Set(["PageDown", "PageUp", " ", "Home", "End"]);

const turnElements = (): HTMLElement[] => [...document.querySelectorAll<HTMLElement>('[data-testid="turn"]')];

/** Whether any part of the element is on screen. */
export function isOnScreen(element: Element): boolean {
  const rect = element.getBoundingClientRect();
  return rect.bottom > 0 && rect.top < window.innerHeight && rect.height > 0;
}

/** The id of the turn at the reading line (the last one when the page is scrolled to its end). */
export function turnAtReadingLine(): string | null {
  const turns = turnElements();
  if (turns.length === 0) return null;
  const root = document.scrollingElement ?? document.documentElement;
  if (window.scrollY > 0 && window.scrollY + window.innerHeight >= root.scrollHeight - 2) {
    const last = turns[turns.length - 1]!;
    if (isOnScreen(last)) return last.dataset.turnId ?? null;
  }
  const line = window.innerHeight * READING_LINE;
  // Turns are in document order, so their tops increase: the last one starting above the line holds it.
  let low = 0;
  let high = turns.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (turns[mid]!.getBoundingClientRect().top <= line) low = mid;
    else high = mid - 1;
  }
  return turns[low]!.dataset.turnId ?? null;
}

/**
 * Calls `onRead(turnId)` when the reader's own scrolling brings another turn to the reading line. Returns a
 * function the view calls right before it scrolls by itself.
 */
export function useReadingFocus(onRead: (turnId: string) => void): () => void {
  const byReader = useRef(false);
  const latest = useRef(onRead);
  useEffect(() => {
    latest.current = onRead;
  });
  useEffect(() => {
    let frame = 0;
    const reader = (): void => {
      byReader.current = true;
    };
    const onMouseDown = (event: MouseEvent): void => {
      // A press on the page's scrollbar (outside the document's client area).
      if (
        event.clientX >= document.documentElement.clientWidth ||
        event.clientY >= document.documentElement.clientHeight
      )
        reader();
    };
    const onKeyDown = (event: KeyboardEvent): void => {
      if (SCROLL_KEYS.has(event.key) && !event.defaultPrevented && !isTypingTarget(event.target)) reader();
    };
    const onScroll = (): void => {
      if (!byReader.current || frame !== 0) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        const id = turnAtReadingLine();
        if (id !== null) latest.current(id);
      });
    };
    const options = { passive: true, capture: true } as const;
    window.addEventListener("wheel", reader, options);
    window.addEventListener("touchmove", reader, options);
    window.addEventListener("mousedown", onMouseDown, options);
    window.addEventListener("keydown", onKeyDown, options);
    window.addEventListener("scroll", onScroll, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener("wheel", reader, options);
      window.removeEventListener("touchmove", reader, options);
      window.removeEventListener("mousedown", onMouseDown, options);
      window.removeEventListener("keydown", onKeyDown, options);
      window.removeEventListener("scroll", onScroll);
    };
  }, []);
  return useCallback(() => {
    byReader.current = false;
  }, []);
}
