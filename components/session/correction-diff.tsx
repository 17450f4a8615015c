"use client";
// A corrected answer shown against the agent's: a word diff (the `diff` library) with removed text struck
// through and added text underlined, rendered as text nodes only (no HTML from the data).
import { diffWordsWithSpace } from "diff";
import { useMemo } from "react";

const DIFF_TIMEOUT_MS = 300;

export function CorrectionDiff({
  original,
  correction,
  onEdit,
  onClear,
}: {
  original: string | null;
  correction: string;
  onEdit: () => void;
  onClear: () => void;
}) {
  // A bounded diff: two long, very different answers fall back to "all removed, all added".
  const parts = useMemo(
    () =>
      diffWordsWithSpace(original ?? "", correction, { timeout: DIFF_TIMEOUT_MS }) ?? [
        { value: original ?? "", removed: true, added: false, count: 1 },
        { value: correction, removed: false, added: true, count: 1 },
      ],
    [original, correction],
  );
  return (
    <div className="mt-2" data-testid="correction-diff">
      <div className="flex items-center gap-2">
        <h3 className="text-xs font-semibold text-zinc-500">Answer, corrected</h3>
        <span className="text-xs text-zinc-400">
          <del className="text-red-700 dark:text-red-400">agent</del> ·{" "}
          <ins className="text-emerald-700 no-underline dark:text-emerald-400">correction</ins>
        </span>
        <span className="ml-auto flex gap-1 text-xs" onClick={(event) => event.stopPropagation()}>
          <button
            type="button"
            className="rounded px-1.5 py-0.5 hover:bg-zinc-100 dark:hover:bg-zinc-800"
            onClick={onEdit}
            title="Edit the correction (e)"
          >
            edit
          </button>
          <button
            type="button"
            data-testid="correction-diff-clear"
            className="rounded px-1.5 py-0.5 hover:bg-zinc-100 dark:hover:bg-zinc-800"
            onClick={onClear}
          >
            clear correction
          </button>
        </span>
      </div>
      <div className="text-sm whitespace-pre-wrap [overflow-wrap:anywhere]">
        {parts.map((part, i) =>
          part.removed ? (
            <del
              key={i}
              data-testid="diff-removed"
              className="bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200"
            >
              {part.value}
            </del>
          ) : part.added ? (
            <ins
              key={i}
              data-testid="diff-added"
              className="bg-emerald-100 text-emerald-900 no-underline dark:bg-emerald-950 dark:text-emerald-200"
            >
              {part.value}
            </ins>
          ) : (
            <span key={i}>{part.value}</span>
          ),
        )}
      </div>
    </div>
  );
}
