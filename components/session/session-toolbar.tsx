"use client";
// The session view's sticky bar: back to the list, labeling progress, preferences, neighbours, `?`.
import Link from "next/link";
import type { ReactNode } from "react";
import { LabelProgress } from "../label-progress";

const small = "rounded px-2 py-0.5 text-xs hover:bg-zinc-100 dark:hover:bg-zinc-800";

export function SessionToolbar(props: {
  progress: { labeled: number; total: number; bad: number };
  autoAdvance: boolean;
  onAutoAdvance: (value: boolean) => void;
  raw: boolean;
  onRaw: (value: boolean) => void;
  onBack: () => void;
  onAdjacent: (direction: "older" | "newer") => void;
  onOverlay: () => void;
  /** The `u` order toggle (components/triage-order.tsx). */
  triage?: ReactNode;
}) {
  return (
    <div className="sticky top-0 z-20 -mx-4 flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-zinc-200 bg-white px-4 py-2 text-sm dark:border-zinc-800 dark:bg-zinc-950">
      <Link
        prefetch={false}
        href="/"
        onClick={(event) => {
          // Back to the list as the person left it (its filter is remembered per tab).
          event.preventDefault();
          props.onBack();
        }}
        className="text-blue-700 hover:underline dark:text-blue-400"
      >
        ← Sessions
      </Link>
      <span className="text-zinc-500">
        labeled{" "}
        <LabelProgress
          testId="session-progress"
          labeled={props.progress.labeled}
          total={props.progress.total}
          bad={props.progress.bad}
        />
      </span>
      <label className="ml-auto flex items-center gap-1 text-xs">
        <input
          type="checkbox"
          checked={props.autoAdvance}
          onChange={(event) => props.onAutoAdvance(event.target.checked)}
        />
        Auto-advance
      </label>
      <label
        className="flex items-center gap-1 text-xs"
        title="Show prompts and answers as the raw text the client logged"
      >
        <input
          type="checkbox"
          data-testid="raw-toggle"
          checked={props.raw}
          onChange={(event) => props.onRaw(event.target.checked)}
        />
        Raw text
      </label>
      {props.triage}
      <button
        type="button"
        onClick={() => props.onAdjacent("newer")}
        className={small}
        title="Newer session ([)"
      >
        ← newer
      </button>
      <button
        type="button"
        onClick={() => props.onAdjacent("older")}
        className={small}
        title="Older session (])"
      >
        older →
      </button>
      <button
        type="button"
        onClick={props.onOverlay}
        className="rounded border border-zinc-300 px-2 py-0.5 font-mono text-xs dark:border-zinc-700"
        aria-label="Keyboard shortcuts"
      >
        ?
      </button>
    </div>
  );
}
