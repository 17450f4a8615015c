"use client";
// A session and its turns, fetched and refetched (live updates). Unchanged turns keep their object identity
// across refetches, so memoized turn cards of a 2,000-turn session do not all re-render on every update.
import { useCallback, useEffect, useRef, useState } from "react";
import type { SessionDetail, TurnView } from "@/lib/shared/views";
import { ApiError, errorText, getSession } from "../api";

export interface DetailState {
  session: SessionDetail["session"] | null;
  turns: TurnView[];
  error: string | null;
  notFound: boolean;
}

/** Labels live in their own state (use-labels.ts): a turn counts as changed only when its data does. */
const turnDataKey = ({ label: _label, ...data }: TurnView): string => JSON.stringify(data);

export function reconcileTurns(previous: TurnView[], next: TurnView[]): TurnView[] {
  const byId = new Map(previous.map((turn) => [turn.id, turn]));
  let changed = previous.length !== next.length;
  const turns = next.map((turn, i) => {
    const old = byId.get(turn.id);
    if (old && turnDataKey(old) === turnDataKey(turn)) {
      if (previous[i] !== old) changed = true;
      return old;
    }
    changed = true;
    return turn;
  });
  return changed ? turns : previous;
}

export function useSessionDetail(id: string, onLoaded: (detail: SessionDetail) => void) {
  const [state, setState] = useState<DetailState>({ session: null, turns: [], error: null, notFound: false });
  const generation = useRef(0);
  const loaded = useRef(onLoaded);
  useEffect(() => {
    loaded.current = onLoaded;
  });

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    try {
      const detail = await getSession(id);
      if (mine !== generation.current) return;
      setState((current) => ({
        session: detail.session,
        turns: reconcileTurns(current.turns, detail.turns),
        error: null,
        notFound: false,
      }));
      loaded.current(detail);
    } catch (error) {
      if (mine !== generation.current) return;
      const notFound = error instanceof ApiError && error.status === 404;
      setState((current) => ({ ...current, error: errorText(error), notFound }));
    }
  }, [id]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { ...state, reload };
}
