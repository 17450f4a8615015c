"use client";
// The note textarea. It is a typing target, so the view's shortcuts ignore every key typed here; the only
// keys it acts on are its own: Esc leaves without saving, Ctrl/Cmd+Enter saves and leaves.
import { useState } from "react";

export function NoteEditor({
  initial,
  onSave,
  onCancel,
  label,
}: {
  initial: string;
  onSave: (note: string) => void;
  onCancel: () => void;
  label: string;
}) {
  const [text, setText] = useState(initial);
  return (
    <div className="mt-2" onClick={(event) => event.stopPropagation()}>
      <textarea
        data-testid="note-editor"
        aria-label={label}
        autoFocus
        rows={3}
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
        className="w-full rounded border border-blue-400 bg-white p-2 text-sm dark:bg-zinc-900"
        placeholder="Why was this good or bad?"
      />
      <div className="mt-1 flex items-center gap-2 text-xs">
        <button
          type="button"
          onClick={() => onSave(text)}
          className="rounded bg-blue-600 px-2 py-1 font-medium text-white hover:bg-blue-700"
        >
          Save
        </button>
        <button
          type="button"
          onClick={onCancel}
          className="rounded px-2 py-1 hover:bg-zinc-100 dark:hover:bg-zinc-800"
        >
          Cancel
        </button>
        <span className="text-zinc-500">Ctrl/⌘+Enter saves · Esc cancels</span>
      </div>
    </div>
  );
}
