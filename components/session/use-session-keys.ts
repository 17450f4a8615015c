"use client";
// The session view's one keydown handler. Keys typed in a field (the note editor) or while a dialog is
// open never reach the actions; the shortcuts overlay is closed by Esc or `?` here.
import { useEffect, useRef } from "react";
import { isDialogOpen, isShortcutEvent } from "../keyboard";
import type { Label, LabelValue } from "@/lib/shared/labels";

export interface SessionKeyActions {
  overlayOpen: boolean;
  closeOverlay: () => void;
  openOverlay: () => void;
  move: (step: 1 | -1) => void;
  label: (label: Label) => void;
  labelSession: (label: LabelValue) => void;
  editNote: () => void;
  undo: () => void;
  nextUnlabeled: () => void;
  adjacentSession: (direction: "older" | "newer") => void;
  search: () => void;
}

/** Keys by `event.key` (layout-aware: `?` is whatever produces "?"). */
const BINDINGS: Record<string, (actions: SessionKeyActions) => void> = {
  j: (a) => a.move(1),
  ArrowDown: (a) => a.move(1),
  k: (a) => a.move(-1),
  ArrowUp: (a) => a.move(-1),
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
  "/": (a) => a.search(),
  "?": (a) => a.openOverlay(),
};

const REPEATABLE = new Set(["j", "k", "ArrowDown", "ArrowUp"]);

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
      if (!isShortcutEvent(event) || isDialogOpen()) return;
      // Holding a key may scroll through turns, but must not label (or undo) dozens of them.
      if (event.repeat && !REPEATABLE.has(event.key)) return;
      const binding = BINDINGS[event.key];
      if (!binding) return;
      event.preventDefault();
      binding(current);
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);
}
