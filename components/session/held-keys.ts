"use client";
// Keys typed while the session view is not ready for them: while it moves to another session (after `]`,
// `[`, `u`, a link, Back) or while a session is still loading. They are held here, outside any one view (the
// view being left unmounts), and replayed in order by the view that shows next; never by the one being left.
import { useSyncExternalStore } from "react";

interface Hold {
  /** The session the keys are meant for, once known (`]` learns it from the server). */
  target: string | null;
  /** Where the hold started: a view of that session never replays keys meant for another one. */
  from: string;
}

let hold: Hold | null = null;
let queue: string[] = [];
let version = 0;
const listeners = new Set<() => void>();

function changed(): void {
  version++;
  for (const listener of listeners) listener();
}

/** The keys that will not be applied, readable in a toast ("g, b"). */
export const describeKeys = (keys: readonly string[]): string =>
  keys.map((key) => (key.length === 1 ? key : key.replace(/^Arrow/, ""))).join(", ");

/** Starts holding: from now on, keys wait for the session `target` (or the one the server names later). */
export function startHold(from: string, target: string | null = null): void {
  hold = { from, target };
  changed();
}

/** The server named the session a hold is for. */
export function retargetHold(target: string): void {
  if (!hold) return;
  hold = { ...hold, target };
  changed();
}

/** A move that did not happen (no older session, a failed request): returns the held keys, now dropped. */
export function cancelHold(): string[] {
  const dropped = queue;
  hold = null;
  queue = [];
  changed();
  return dropped;
}

export function isHolding(): boolean {
  return hold !== null;
}

export function holdKey(key: string): void {
  queue.push(key);
  changed();
}

/**
 * Called by a view of `sessionId` when it shows: ends a hold meant for it and returns the keys to replay.
 * Keys held for another session are dropped and returned as `dropped` (the view says so).
 */
export function takeHeldKeys(sessionId: string): { keys: string[]; dropped: string[] } {
  if (hold && (hold.target === null || hold.from === sessionId) && hold.target !== sessionId)
    return { keys: [], dropped: [] };
  const mine = hold === null || hold.target === sessionId;
  const keys = queue;
  hold = null;
  queue = [];
  if (keys.length > 0) changed();
  return mine ? { keys, dropped: [] } : { keys: [], dropped: keys };
}

/** Puts keys back at the front (a replayed `]` started a new hold: the rest wait for the next session). */
export function requeue(keys: readonly string[]): void {
  queue = [...keys, ...queue];
  changed();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Re-renders the caller whenever the hold or the queue changes. */
export function useHeldKeysVersion(): number {
  return useSyncExternalStore(
    subscribe,
    () => version,
    () => 0,
  );
}
