"use client";
// A boolean preference kept in localStorage (e.g. auto-advance), shared by every component and tab that
// reads it. useSyncExternalStore gives the server render the default and the browser the stored value
// without a hydration mismatch.
import { useCallback, useSyncExternalStore } from "react";

const LOCAL_CHANGE = "tracemark:stored-flag";

function subscribe(onChange: () => void): () => void {
  window.addEventListener("storage", onChange); // other tabs
  window.addEventListener(LOCAL_CHANGE, onChange); // this tab
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(LOCAL_CHANGE, onChange);
  };
}

/** Used when localStorage is unavailable (disabled storage): the preference then lasts until reload. */
const memory = new Map<string, boolean>();

function read(key: string, fallback: boolean): boolean {
  try {
    const value = localStorage.getItem(key);
    return value === null ? fallback : value === "true";
  } catch {
    return memory.get(key) ?? fallback;
  }
}

export function useStoredFlag(key: string, fallback: boolean): [boolean, (value: boolean) => void] {
  const value = useSyncExternalStore(
    subscribe,
    () => read(key, fallback),
    () => fallback,
  );
  const set = useCallback(
    (next: boolean) => {
      try {
        localStorage.setItem(key, String(next));
      } catch {
        memory.set(key, next);
      }
      window.dispatchEvent(new Event(LOCAL_CHANGE));
    },
    [key],
  );
  return [value, set];
}
