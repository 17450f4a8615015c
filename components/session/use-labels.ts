"use client";
// The labels of one session view (its turns and the session itself), changed optimistically: the badge
// changes at once, the PUT persists it, a failure puts the previous value back and says so. Server state
// (a refetch after another tab's change) is merged by version and never overrides a save still in flight.
import { useCallback, useEffect, useRef, useState } from "react";
import { EMPTY_LABEL, type LabelChange, type LabelTargetType, type LabelView } from "@/lib/shared/labels";
import type { SessionDetail } from "@/lib/shared/views";
import { errorText, putLabel } from "../api";

export type LabelKey = string;
export const labelKey = (type: LabelTargetType, id: string): LabelKey => `${type}:${id}`;

export interface UndoEntry {
  type: LabelTargetType;
  id: string;
  sessionId: string;
  /** The fields the change set, as they were before it. */
  previous: LabelChange;
}

/** One undo step: a single label change, or every change of a bulk action (undone together). */
export type UndoStep = UndoEntry[];

/** Per tab rather than per view, so `z` still undoes a label after `]` moved on to the next session. */
const undoStack: UndoStep[] = [];
const UNDO_LIMIT = 500;

function pushUndo(step: UndoStep): void {
  undoStack.push(step);
  if (undoStack.length > UNDO_LIMIT) undoStack.shift();
}

/** A change that failed to save is no longer undoable (its step keeps the others). */
function forgetUndo(entry: UndoEntry): void {
  for (let i = undoStack.length - 1; i >= 0; i--) {
    const at = undoStack[i]!.indexOf(entry);
    if (at === -1) continue;
    undoStack[i]!.splice(at, 1);
    if (undoStack[i]!.length === 0) undoStack.splice(i, 1);
    return;
  }
}

const sameLabel = (a: LabelView, b: LabelView): boolean =>
  a.label === b.label &&
  a.note === b.note &&
  a.correction === b.correction &&
  a.reasons.join() === b.reasons.join() &&
  a.version === b.version &&
  a.labeled_at === b.labeled_at;

/** `view` with the fields `change` sets. */
function withChange(view: LabelView, change: LabelChange): LabelView {
  return {
    ...view,
    label: change.label === undefined ? view.label : change.label,
    note: change.note ?? view.note,
    reasons: change.reasons ?? view.reasons,
    correction: change.correction === undefined ? view.correction : change.correction,
  };
}

/** The values `view` has for the fields `change` sets (what undo puts back). */
function previousOf(view: LabelView, change: LabelChange): LabelChange {
  const previous: LabelChange = {};
  if (change.label !== undefined) previous.label = view.label;
  if (change.note !== undefined) previous.note = view.note;
  if (change.reasons !== undefined) previous.reasons = view.reasons;
  if (change.correction !== undefined) previous.correction = view.correction;
  return previous;
}

/** Every label a response carries, by key: the session's own (when given) and its turns'. */
export function labelsOf(
  session: SessionDetail["session"] | null,
  turns: readonly { id: string; label: LabelView }[],
): Record<LabelKey, LabelView> {
  const labels: Record<LabelKey, LabelView> = {};
  if (session) labels[labelKey("session", session.id)] = session.session_label;
  for (const turn of turns) labels[labelKey("turn", turn.id)] = turn.label;
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
  const isNewer = useCallback(
    (key: LabelKey, version: number) => version > (current.current[key]?.version ?? 0),
    [],
  );

  /** Changes one target; the undo entry (when `undoable`) is returned for the caller to put on the stack. */
  const change = useCallback(
    (
      type: LabelTargetType,
      id: string,
      sessionId: string,
      change: LabelChange,
      undoable: boolean,
    ): UndoEntry | null => {
      const key = labelKey(type, id);
      const previous = current.current[key] ?? EMPTY_LABEL;
      commit({ [key]: withChange(previous, change) });
      const entry: UndoEntry | null = undoable
        ? { type, id, sessionId, previous: previousOf(previous, change) }
        : null;
      pending.current.set(key, (pending.current.get(key) ?? 0) + 1);
      const chain = (chains.current.get(key) ?? Promise.resolve())
        .then(() => putLabel(type, id, change))
        .then(
          ({ session_id: _session, ...saved }) => {
            // A later change to the same target still on its way is already shown: this answer is an older
            // state (keys `3 3 1` on a slow server showed the reason off, then put it back when the first PUT
            // answered, and `1` toggled from there). The last answer of the chain lands.
            if ((pending.current.get(key) ?? 0) > 1) return;
            if (saved.version >= (current.current[key]?.version ?? 0)) commit({ [key]: saved });
          },
          (error: unknown) => {
            // Put back what was there, unless a later change to the same target is still on its way.
            if ((pending.current.get(key) ?? 0) <= 1) commit({ [key]: previous });
            if (entry) forgetUndo(entry);
            reportError.current(
              `Could not save the ${type} label: ${errorText(error)}. The previous label is back.`,
            );
          },
        )
        .finally(() => pending.current.set(key, (pending.current.get(key) ?? 1) - 1));
      chains.current.set(key, chain);
      return entry;
    },
    [commit],
  );

  const apply = useCallback(
    (type: LabelTargetType, id: string, sessionId: string, labelChange: LabelChange) => {
      const entry = change(type, id, sessionId, labelChange, true);
      if (entry) pushUndo([entry]);
    },
    [change],
  );

  /** Several changes as one undo step (Shift+G, a range of turns). */
  const applyMany = useCallback(
    (changes: { type: LabelTargetType; id: string; sessionId: string; change: LabelChange }[]) => {
      const step = changes
        .map((c) => change(c.type, c.id, c.sessionId, c.change, true))
        .filter((e): e is UndoEntry => e !== null);
      if (step.length > 0) pushUndo(step);
    },
    [change],
  );

  /** Restores what the last undo step changed; null when there is nothing to undo. */
  const undo = useCallback((): UndoStep | null => {
    const step = undoStack.pop();
    if (!step) return null;
    for (const entry of step) change(entry.type, entry.id, entry.sessionId, entry.previous, false);
    return step;
  }, [change]);

  /** Resolves when every save made so far has finished (before asking the server what is unlabeled). */
  const settled = useCallback(async () => {
    await Promise.all(chains.current.values());
  }, []);

  /** The latest label of a target, including changes made since the last render (keys typed in a burst). */
  const latest = useCallback((key: LabelKey): LabelView | undefined => current.current[key], []);

  return { labels, latest, merge, isNewer, apply, applyMany, undo, settled };
}
