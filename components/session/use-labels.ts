"use client";
// The labels of one session view (its turns and the session itself), changed optimistically: the badge
// changes at once, the PUT persists it, a failure puts the previous value back and says so. Server state
// (a refetch after another tab's change) is merged by version and never overrides a save still in flight.
import { useCallback, useEffect, useRef, useState } from "react";
import { EMPTY_LABEL, type Label, type LabelChange, type LabelTargetType, type LabelView } from "@/lib/shared/labels";
import type { SessionDetail } from "@/lib/shared/views";
import { errorText, putLabel } from "../api";

export type LabelKey = string;
export const labelKey = (type: LabelTargetType, id: string): LabelKey => `${type}:${id}`;

export interface UndoEntry {
  type: LabelTargetType;
  id: string;
  sessionId: string;
  previous: { label: Label; note: string };
}

/** Per tab rather than per view, so `z` still undoes a label after `]` moved on to the next session. */
const undoStack: UndoEntry[] = [];
const UNDO_LIMIT = 500;

const sameLabel = (a: LabelView, b: LabelView): boolean =>
  a.label === b.label && a.note === b.note && a.version === b.version && a.labeled_at === b.labeled_at;

/** Every label a session detail carries, by key. */
export function labelsOf(detail: SessionDetail): Record<LabelKey, LabelView> {
  const labels: Record<LabelKey, LabelView> = { [labelKey("session", detail.session.id)]: detail.session.session_label };
  for (const turn of detail.turns) labels[labelKey("turn", turn.id)] = turn.label;
  return labels;
}

export function useLabels(onError: (message: string) => void) {
  const [labels, setLabels] = useState<Record<LabelKey, LabelView>>({});
  // The latest labels for callbacks (they must not wait for a render to see the previous value).
  const current = useRef(labels);
  const pending = useRef(new Map<LabelKey, number>());
  // PUTs for one target go out one after another, so the server applies them in the order they were made.
  const chains = useRef(new Map<LabelKey, Promise<void>>());
  const reportError = useRef(onError);
  useEffect(() => {
    reportError.current = onError;
  });

  const commit = useCallback((patch: Record<LabelKey, LabelView>) => {
    current.current = { ...current.current, ...patch };
    setLabels(current.current);
  }, []);

  const merge = useCallback(
    (server: Record<LabelKey, LabelView>) => {
      const patch: Record<LabelKey, LabelView> = {};
      for (const [key, view] of Object.entries(server)) {
        if ((pending.current.get(key) ?? 0) > 0) continue;
        const local = current.current[key];
        if (!local || (view.version >= local.version && !sameLabel(local, view))) patch[key] = view;
      }
      if (Object.keys(patch).length > 0) commit(patch);
    },
    [commit],
  );

  /** Whether a label event announces something this view has not seen yet. */
  const isNewer = useCallback((key: LabelKey, version: number) => version > (current.current[key]?.version ?? 0), []);

  const apply = useCallback(
    (type: LabelTargetType, id: string, sessionId: string, change: LabelChange, undoable = true) => {
      const key = labelKey(type, id);
      const previous = current.current[key] ?? EMPTY_LABEL;
      commit({
        [key]: {
          ...previous,
          label: change.label === undefined ? previous.label : change.label,
          note: change.note ?? previous.note,
        },
      });
      const entry: UndoEntry | null = undoable ? { type, id, sessionId, previous: { label: previous.label, note: previous.note } } : null;
      if (entry) {
        undoStack.push(entry);
        if (undoStack.length > UNDO_LIMIT) undoStack.shift();
      }
      pending.current.set(key, (pending.current.get(key) ?? 0) + 1);
      const chain = (chains.current.get(key) ?? Promise.resolve())
        .then(() => putLabel(type, id, change))
        .then(
          ({ session_id: _session, ...saved }) => {
            if (saved.version >= (current.current[key]?.version ?? 0)) commit({ [key]: saved });
          },
          (error: unknown) => {
            // Put back what was there, unless a later change to the same target is still on its way.
            if ((pending.current.get(key) ?? 0) <= 1) commit({ [key]: previous });
            const at = entry ? undoStack.lastIndexOf(entry) : -1;
            if (at !== -1) undoStack.splice(at, 1);
            reportError.current(`Could not save the ${type} label: ${errorText(error)}. The previous label is back.`);
          },
        )
        .finally(() => pending.current.set(key, (pending.current.get(key) ?? 1) - 1));
      chains.current.set(key, chain);
    },
    [commit],
  );

  /** Restores the previous label and note of the last changed target; null when there is nothing to undo. */
  const undo = useCallback((): UndoEntry | null => {
    const entry = undoStack.pop();
    if (!entry) return null;
    apply(entry.type, entry.id, entry.sessionId, { label: entry.previous.label, note: entry.previous.note }, false);
    return entry;
  }, [apply]);

  /** Resolves when every save made so far has finished (before asking the server what is unlabeled). */
  const settled = useCallback(async () => {
    await Promise.all(chains.current.values());
  }, []);

  return { labels, merge, isNewer, apply, undo, settled };
}
