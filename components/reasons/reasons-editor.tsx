"use client";
// The reason vocabulary as an editable list: rename, reorder (the order is the key order), add, remove,
// back to the defaults; saved as a whole with PUT /api/reasons (the server validates ids and uniqueness).
import { useState } from "react";
import { DEFAULT_REASONS, MAX_REASONS, REASON_KEY_COUNT, type Reason } from "@/lib/shared/reasons";
import { errorText } from "../api";
import { useReasons } from "./use-reasons";

const FIELD =
  "rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900";
const SMALL = "rounded px-1.5 py-0.5 text-xs hover:bg-zinc-100 disabled:opacity-40 dark:hover:bg-zinc-800";

export function ReasonsEditor() {
  const { reasons, save } = useReasons();
  const [draft, setDraft] = useState<Reason[] | null>(null);
  const [status, setStatus] = useState<{ error: boolean; text: string } | null>(null);
  const list = draft ?? reasons;
  const update = (next: Reason[]): void => {
    setDraft(next);
    setStatus(null);
  };
  const patch = (i: number, change: Partial<Reason>): void =>
    update(list.map((reason, j) => (j === i ? { ...reason, ...change } : reason)));
  const swap = (i: number, j: number): void => {
    const next = [...list];
    [next[i], next[j]] = [next[j]!, next[i]!];
    update(next);
  };
  const submit = async (): Promise<void> => {
    try {
      await save(list);
      setDraft(null);
      setStatus({ error: false, text: "Saved." });
    } catch (error) {
      setStatus({ error: true, text: `Not saved: ${errorText(error)}` });
    }
  };
  return (
    <form
      className="mt-4 grid max-w-3xl gap-2"
      data-testid="reasons-editor"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <ol className="grid gap-1">
        {list.map((reason, i) => (
          <li key={i} className="flex items-center gap-2" data-testid="reason-row">
            <kbd className="w-5 text-center font-mono text-xs text-zinc-500">
              {i < REASON_KEY_COUNT ? i + 1 : ""}
            </kbd>
            <input
              className={`${FIELD} w-48 font-mono`}
              aria-label="Reason id"
              value={reason.id}
              onChange={(e) => patch(i, { id: e.target.value.trim() })}
            />
            <input
              className={`${FIELD} w-56`}
              aria-label="Reason title"
              value={reason.title}
              onChange={(e) => patch(i, { title: e.target.value })}
            />
            <select
              className={FIELD}
              aria-label="Polarity"
              value={reason.polarity}
              onChange={(e) => patch(i, { polarity: e.target.value === "good" ? "good" : "bad" })}
            >
              <option value="bad">bad</option>
              <option value="good">good</option>
            </select>
            <button
              type="button"
              className={SMALL}
              disabled={i === 0}
              onClick={() => swap(i, i - 1)}
              aria-label={`Move ${reason.id} up`}
            >
              ↑
            </button>
            <button
              type="button"
              className={SMALL}
              disabled={i === list.length - 1}
              onClick={() => swap(i, i + 1)}
              aria-label={`Move ${reason.id} down`}
            >
              ↓
            </button>
            <button
              type="button"
              className={SMALL}
              onClick={() => update(list.filter((_, j) => j !== i))}
              aria-label={`Remove ${reason.id}`}
            >
              remove
            </button>
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <button
          type="button"
          className={SMALL}
          disabled={list.length >= MAX_REASONS}
          onClick={() =>
            update([...list, { id: `reason-${list.length + 1}`, title: "new reason", polarity: "bad" }])
          }
        >
          + add a reason
        </button>
        <button type="button" className={SMALL} onClick={() => update([...DEFAULT_REASONS])}>
          back to the defaults
        </button>
        <button
          type="submit"
          data-testid="reasons-save"
          className="rounded bg-zinc-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-zinc-700 dark:bg-zinc-100 dark:text-zinc-900"
        >
          Save
        </button>
        {status && (
          <span
            role={status.error ? "alert" : "status"}
            className={status.error ? "text-red-700 dark:text-red-400" : "text-zinc-600"}
          >
            {status.text}
          </span>
        )}
      </div>
    </form>
  );
}
