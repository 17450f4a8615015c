"use client";
// Live updates for one session view: a `sessions` event naming this session refetches it (new turns, new
// tool output); a `label` event carries the new label, merged in place when it is newer than what this view
// shows (its own saves come back as events too, and are skipped once their PUT has answered).
import { useDebounced, useLiveEvents } from "../use-live-events";
import type { LabelView } from "@/lib/shared/labels";
import { labelKey, type LabelKey } from "./use-labels";

/** Short enough to feel live, long enough to fold a burst of events into one refetch. */
const REFETCH_DEBOUNCE_MS = 250;

export function useLiveSession(
  sessionId: string,
  reload: () => Promise<void>,
  isNewer: (key: LabelKey, version: number) => boolean,
  merge: (labels: Record<LabelKey, LabelView>) => void,
): void {
  const refetchSoon = useDebounced(() => void reload(), REFETCH_DEBOUNCE_MS);

  useLiveEvents(
    (event) => {
      if (event.type === "sessions") {
        if (!event.ids.includes(sessionId)) return;
        refetchSoon();
      } else if (event.sessionId === sessionId) {
        const key = labelKey(event.targetType, event.targetId);
        if (isNewer(key, event.version)) merge({ [key]: event.view });
      }
    },
    () => void reload(),
  );
}
