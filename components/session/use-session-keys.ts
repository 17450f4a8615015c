"use client";
// The session view's one keydown handler and its key table. Keys typed in a field (the note editor) or while
// a dialog is open never reach the actions; the shortcuts overlay is closed by Esc or `?` here. While the view
// is not ready (a session loading, or a move to another one under way) bound keys are held (held-keys.ts) and
// replayed by the view that shows next through `dispatchSessionKey`, so a key acts on the turn it was meant for.
import { useEffect, useRef } from "react";
import { isDialogOpen, isShortcutEvent } from "../keyboard";
import type { Label, LabelValue } from "@/lib/shared/labels";
import { holdKey, isHolding } from "./held-keys";

export interface SessionKeyActions {
  /** False while the session is loading: keys wait instead of acting on nothing (or on the previous one). */
  ready: boolean;
  overlayOpen: boolean;
  closeOverlay: () => void;
  openOverlay: () => void;
  move: (step: 1 | -1) => void;
  /** Extends the selected range of turns by one (Shift+J / Shift+K). */
  extend: (step: 1 | -1) => void;
  label: (label: Label) => void;
  labelSession: (label: LabelValue) => void;
  editNote: () => void;
  undo: () => void;
  nextUnlabeled: () => void;
  adjacentSession: (direction: "older" | "newer") => void;
  find: () => void;
  /** Keys 1–9: toggle the reason on that key on the focused turn. */
  toggleReason: (digit: number) => void;
  /** `e`: correct the focused turn's answer. */
  editCorrection: () => void;
}

/** Keys by `event.key` (layout-aware: `?` is whatever produces "?"). Add a key here and in the `?` overlay. */
const BINDINGS: Record<string, (actions: SessionKeyActions) => void> = {
  j: (a) => a.move(1),
  ArrowDown: (a) => a.move(1),
  k: (a) => a.move(-1),
  ArrowUp: (a) => a.move(-1),
  J: (a) => a.extend(1),
  K: (a) => a.extend(-1),
  g: (a) => a.label("good"),
  b: (a) => a.label("bad"),
  x: (a) => a.label(null),
  G: (a) => a.labelSession("good"),
  B: (a) => a.labelSession("bad"),
  n: (a) => a.editNote(),
  z: (a) => a.undo(),
  u: (a) => a.nextUnlabeled(),
  "]": (a) => a.adjacentSession("older"),
  "[": (a) => a.adjacentSession("newer"),
  "/": (a) => a.find(),
  "?": (a) => a.openOverlay(),
  e: (a) => a.editCorrection(),
  ...Object.fromEntries(
    Array.from({ length: 9 }, (_, i) => [String(i + 1), (a: SessionKeyActions) => a.toggleReason(i + 1)]),
  ),
};

/** Keys that act at once even while the view is not ready (they change nothing that a later key depends on). */
const NEVER_HELD = new Set(["?"]);

const REPEATABLE = new Set(["j", "k", "J", "K", "ArrowDown", "ArrowUp"]);

/** Runs one key's action; false when the key is not bound. Used by the handler and to replay held keys. */
export function dispatchSessionKey(key: string, actions: SessionKeyActions): boolean {
  const binding = BINDINGS[key];
  if (!binding) return false;
  binding(actions);
  return true;
}

export function useSessionKeys(actions: SessionKeyActions): void {
  // The listener is installed once; it reads the latest actions when a key arrives.
  const latest = useRef(actions);
  useEffect(() => {
    latest.current = actions;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      const current = latest.current;
      if (current.overlayOpen) {
        if (event.key === "Escape" || event.key === "?") {
          event.preventDefault();
          current.closeOverlay();
        }
        return;
      }
      if (
        (event.ctrlKey || event.metaKey) &&
        !event.altKey &&
        !event.shiftKey &&
        event.key.toLowerCase() === "f"
      ) {
        if (isDialogOpen()) return;
        event.preventDefault(); // our find searches every turn, also those not rendered yet
        current.find();
        return;
      }
      if (!isShortcutEvent(event) || isDialogOpen()) return;
      // Holding a key may scroll through turns, but must not label (or undo) dozens of them.
      if (event.repeat && !REPEATABLE.has(event.key)) return;
      if (!(event.key in BINDINGS)) return;
      event.preventDefault();
      if ((!current.ready || isHolding()) && !NEVER_HELD.has(event.key)) holdKey(event.key);
      else dispatchSessionKey(event.key, current);
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);
}
