"use client";
// Live updates for one session view: a `sessions` event naming this session refetches it (new turns, new
// tool output); a `label` event refetches only if it is newer than what this view already shows (its own
// saves come back as events too, and are skipped once their PUT has answered).
import { useRef } from "react";
import { useDebounced, useLiveEvents } from "../use-live-events";
import { labelKey, type LabelKey } from "./use-labels";

/** Short enough to feel live, long enough to fold a burst of events into one refetch. */
const REFETCH_DEBOUNCE_MS = 250;

export function useLiveSession(
  sessionId: string,
  reload: () => Promise<void>,
  isNewer: (key: LabelKey, version: number) => boolean,
): void {
  const wanted = useRef({ turns: false, labels: new Map<LabelKey, number>() });
  const refetchSoon = useDebounced(() => {
    const { turns, labels } = wanted.current;
    wanted.current = { turns: false, labels: new Map() };
    // Re-checked now: a label event that only echoed our own save is no longer newer once the PUT answered.
    if (turns || [...labels].some(([key, version]) => isNewer(key, version))) void reload();
  }, REFETCH_DEBOUNCE_MS);

  useLiveEvents(
    (event) => {
      if (event.type === "sessions") {
        if (!event.ids.includes(sessionId)) return;
        wanted.current.turns = true;
        refetchSoon();
      } else if (event.sessionId === sessionId) {
        const key = labelKey(event.targetType, event.targetId);
        if (!isNewer(key, event.version)) return;
        wanted.current.labels.set(key, Math.max(event.version, wanted.current.labels.get(key) ?? 0));
        refetchSoon();
      }
    },
    () => void reload(),
  );
}
