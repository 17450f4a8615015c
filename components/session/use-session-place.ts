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

export function useSessionPlace(focus: string | null, title: string | null, loaded: boolean): void {
  useEffect(() => {
    if (!loaded || focus === null) return;
    const url = new URL(window.location.href);
    if (url.searchParams.get("turn") === focus) return;
    url.searchParams.set("turn", focus);
    window.history.replaceState(window.history.state, "", url);
  }, [focus, loaded]);

  useEffect(() => {
    if (loaded) document.title = sessionTitle(title);
  }, [title, loaded]);
}
