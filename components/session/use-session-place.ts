"use client";
// Keeps the place in the address bar and the tab: the URL carries the focused turn (`?turn=<id>`, replaced,
// not pushed, so Back goes to the list rather than through turns) and the title names the session and page.
import { useEffect } from "react";

const TITLE_CHARS = 60;

/** "Fix the cart total… · Session · tracemark" from the session's first prompt. */
export function sessionTitle(firstPrompt: string | null): string {
  const text = (firstPrompt ?? "").replace(/\s+/g, " ").trim();
  if (text === "") return "Session · tracemark";
  const short = text.length > TITLE_CHARS ? `${text.slice(0, TITLE_CHARS - 1).trimEnd()}…` : text;
  return `${short} · Session · tracemark`;
}

/** A held `j` moves the focus dozens of times a second: the address bar is written at most this often
 * (replaceState costs ~3 ms a call, and Chromium throttles a burst of them); the last focus always lands. */
const URL_EVERY_MS = 150;
let lastWrite = 0;

export function useSessionPlace(focus: string | null, title: string | null, loaded: boolean): void {
  useEffect(() => {
    if (!loaded || focus === null) return;
    const write = (): void => {
      lastWrite = Date.now();
      const url = new URL(window.location.href);
      if (url.searchParams.get("turn") === focus) return;
      url.searchParams.set("turn", focus);
      window.history.replaceState(window.history.state, "", url);
    };
    const wait = lastWrite + URL_EVERY_MS - Date.now();
    if (wait <= 0) return write();
    const timer = setTimeout(write, wait);
    return () => clearTimeout(timer);
  }, [focus, loaded]);

  useEffect(() => {
    if (loaded) document.title = sessionTitle(title);
  }, [title, loaded]);
}
