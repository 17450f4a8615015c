"use client";
// The correction editor (`e`): the agent's final answer (or the saved correction) in a textarea to rewrite.
// A typing target, so the view's shortcuts stand aside; Esc leaves, Ctrl/Cmd+Enter saves.
import { useState } from "react";
import { MAX_CORRECTION_LENGTH } from "@/lib/shared/reasons";

export function CorrectionEditor({
  initial,
  hasCorrection,
  onSave,
  onCancel,
  label,
}: {
  initial: string;
  hasCorrection: boolean;
  onSave: (correction: string | null) => void;
  onCancel: () => void;
  label: string;
}) {
  const [text, setText] = useState(initial);
  return (
    <div className="mt-2" onClick={(event) => event.stopPropagation()}>
      <h3 className="text-xs font-semibold text-zinc-500">Corrected answer</h3>
      <textarea
        data-testid="correction-editor"
        aria-label={label}
        autoFocus
        rows={Math.min(16, Math.max(4, initial.split("\n").length + 1))}
        maxLength={MAX_CORRECTION_LENGTH}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Escape") {
            event.preventDefault();
            onCancel();
          } else if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            onSave(text);
          }
        }}
        className="w-full rounded border border-emerald-500 bg-white p-2 font-mono text-sm dark:bg-zinc-900"
        placeholder="What the agent should have answered"
      />
      <div className="mt-1 flex items-center gap-2 text-xs">
        <button
          type="button"
          data-testid="correction-save"
          onClick={() => onSave(text)}
          className="rounded bg-emerald-600 px-2 py-1 font-medium text-white hover:bg-emerald-700"
        >
          Save correction
        </button>
        <button
          type="button"
          onClick={onCancel}
          className="rounded px-2 py-1 hover:bg-zinc-100 dark:hover:bg-zinc-800"
        >
          Cancel
        </button>
        {hasCorrection && (
          <button
            type="button"
            data-testid="correction-clear"
            onClick={() => onSave(null)}
            className="rounded px-2 py-1 text-red-700 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-950"
          >
            Clear correction
          </button>
        )}
        <span className="text-zinc-500">Ctrl/⌘+Enter saves · Esc cancels</span>
      </div>
    </div>
  );
}
