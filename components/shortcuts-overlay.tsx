"use client";
// The `?` overlay: every key of the list and the session view. A modal dialog, so the views' key handlers
// stand aside while it is open (keyboard.ts isDialogOpen); Esc or `?` closes it (handled by the view).
import { useEffect, useRef } from "react";
import { ReasonKeys } from "./reasons/reason-keys";

const SECTIONS: { title: string; keys: [string, string][] }[] = [
  {
    title: "Session",
    keys: [
      ["j / ↓", "next turn"],
      ["k / ↑", "previous turn"],
      ["g", "label the turn good"],
      ["b", "label the turn bad"],
      ["x", "clear the turn's label"],
      ["Shift+J / Shift+K", "extend a range of turns; g / b / x then label all of them"],
      ["n", "edit the turn's note (Esc leaves, Ctrl/⌘+Enter saves)"],
      ["1 – 9", "toggle a reason on the turn (listed below)"],
      ["e", "correct the agent's answer (Esc leaves, Ctrl/⌘+Enter saves)"],
      ["Shift+G / Shift+B", "label the session and every still-unlabeled turn good / bad"],
      ["z", "undo the last label change (a bulk label is one step)"],
      ["u", "next unlabeled turn, in any session (likely bad first with the triage toggle)"],
      ["] / [", "next (older) / previous (newer) session"],
      ["/ or Ctrl/⌘+F", "find in this session (Enter next, Shift+Enter previous, Esc closes)"],
    ],
  },
  {
    title: "Sessions list",
    keys: [
      ["/", "focus search (Esc leaves it)"],
      ["j / k", "move through the list"],
      ["Enter / o", "open the selected session"],
      ["u", "first unlabeled turn"],
    ],
  },
  { title: "Everywhere", keys: [["?", "this list (Esc closes)"]] },
];

export function ShortcutsOverlay({ onClose }: { onClose: () => void }) {
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const previous = document.activeElement;
    closeButton.current?.focus();
    return () => {
      if (previous instanceof HTMLElement) previous.focus({ preventScroll: true });
    };
  }, []);
  return (
    <div className="fixed inset-0 z-40 flex items-center justify-center bg-black/40 p-4" onClick={onClose}>
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        data-testid="shortcuts-overlay"
        className="max-h-full w-full max-w-lg overflow-y-auto rounded-lg border border-zinc-200 bg-white p-5 shadow-xl dark:border-zinc-700 dark:bg-zinc-900"
        onClick={(event) => event.stopPropagation()}
      >
        <div className="mb-3 flex items-center">
          <h2 id="shortcuts-title" className="text-base font-semibold">
            Keyboard shortcuts
          </h2>
          <button
            ref={closeButton}
            type="button"
            onClick={onClose}
            className="ml-auto rounded px-2 py-0.5 text-sm text-zinc-500 hover:bg-zinc-100 dark:hover:bg-zinc-800"
          >
            Close <kbd className="font-mono text-xs">Esc</kbd>
          </button>
        </div>
        {SECTIONS.map((section) => (
          <section key={section.title} className="mb-3">
            <h3 className="mb-1 text-xs font-semibold tracking-wide text-zinc-500 uppercase">
              {section.title}
            </h3>
            <dl className="grid grid-cols-[9rem_1fr] gap-x-3 gap-y-1 text-sm">
              {section.keys.map(([key, meaning]) => (
                <div key={key} className="contents">
                  <dt>
                    <kbd className="rounded border border-zinc-300 bg-zinc-50 px-1.5 font-mono text-xs dark:border-zinc-600 dark:bg-zinc-800">
                      {key}
                    </kbd>
                  </dt>
                  <dd>{meaning}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
        <ReasonKeys />
      </div>
    </div>
  );
}
