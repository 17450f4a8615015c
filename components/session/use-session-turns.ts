"use client";
// A session's data on the page, loaded by range: the header and a light outline of every turn come first
// (with full turns around the linked or focused turn), full turns are fetched in blocks as the reader gets
// near them. Live updates refetch the outline and mark the loaded turns stale, so the ones on screen are
// fetched again (shown as they were until then); unchanged turns keep their object identity, so memoized
// cards do not re-render.
import { useCallback, useEffect, useRef, useState } from "react";
import { MAX_TURN_RANGE, type SessionOutline, type TurnOutline } from "@/lib/shared/session-outline";
import type { TurnView } from "@/lib/shared/views";
import { ApiError, errorText, getSessionOutline, getTurnRange } from "../api";

/** Turns per range request: a few screens, so moving through a session asks every few dozen turns. */
const BLOCK = 50;
if (BLOCK > MAX_TURN_RANGE) throw new Error("BLOCK must fit one range request");

export interface SessionTurnsState {
  session: SessionOutline["session"] | null;
  outline: TurnOutline[];
  /** Full turns by id (a turn is shown from its outline until it is here). */
  loaded: ReadonlyMap<string, TurnView>;
  error: string | null;
  notFound: boolean;
}

/** Labels live in their own state (use-labels.ts): a turn counts as changed only when its data does. */
const turnDataKey = ({ label: _label, ...data }: TurnView): string => JSON.stringify(data);

/** `loaded` with `turns` in it; unchanged turns keep their identity and nothing new returns `loaded` itself. */
export function withTurns(
  loaded: ReadonlyMap<string, TurnView>,
  turns: TurnView[],
): ReadonlyMap<string, TurnView> {
  let next: Map<string, TurnView> | null = null;
  for (const turn of turns) {
    const old = loaded.get(turn.id);
    if (old && (old === turn || turnDataKey(old) === turnDataKey(turn))) continue;
    next ??= new Map(loaded);
    next.set(turn.id, turn);
  }
  return next ?? loaded;
}

export function useSessionTurns(
  id: string,
  initialTurnId: string | null,
  focus: () => string | null,
  onLoaded: (turns: { outline?: SessionOutline; turns: TurnView[] }) => void,
) {
  const [state, setState] = useState<SessionTurnsState>({
    session: null,
    outline: [],
    loaded: new Map(),
    error: null,
    notFound: false,
  });
  const latest = useRef(state);
  const generation = useRef(0);
  /** Loaded turns fetched before the last outline refresh: shown, but fetched again when needed. */
  const stale = useRef(new Set<string>());
  const inFlight = useRef(new Set<number>());
  const callbacks = useRef({ focus, onLoaded });
  useEffect(() => {
    callbacks.current = { focus, onLoaded };
  });
  const update = useCallback((change: (current: SessionTurnsState) => SessionTurnsState) => {
    latest.current = change(latest.current);
    setState(latest.current);
  }, []);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    try {
      const around = callbacks.current.focus() ?? initialTurnId;
      const outline = await getSessionOutline(id, around);
      if (mine !== generation.current) return;
      const fresh = new Set(outline.window.turns.map((turn) => turn.id));
      stale.current = new Set([...latest.current.loaded.keys()].filter((turnId) => !fresh.has(turnId)));
      inFlight.current.clear();
      update((current) => ({
        session: outline.session,
        outline: outline.outline,
        loaded: withTurns(current.loaded, outline.window.turns),
        error: null,
        notFound: false,
      }));
      callbacks.current.onLoaded({ outline, turns: outline.window.turns });
    } catch (error) {
      if (mine !== generation.current) return;
      const notFound = error instanceof ApiError && error.status === 404;
      update((current) => ({ ...current, error: errorText(error), notFound }));
    }
  }, [id, initialTurnId, update]);

  const fetchBlock = useCallback(
    async (block: number) => {
      const mine = generation.current;
      inFlight.current.add(block);
      try {
        const range = await getTurnRange(id, block * BLOCK, (block + 1) * BLOCK);
        if (mine === generation.current) for (const turn of range.turns) stale.current.delete(turn.id);
        update((current) => ({ ...current, loaded: withTurns(current.loaded, range.turns) }));
        callbacks.current.onLoaded({ turns: range.turns });
      } catch (error) {
        update((current) => ({ ...current, error: `turns ${block * BLOCK + 1}–: ${errorText(error)}` }));
      } finally {
        if (mine === generation.current) inFlight.current.delete(block);
      }
    },
    [id, update],
  );

  /** Makes sure the turns at positions [from, to] are loaded (or on their way), fresh after a live update. */
  const ensure = useCallback(
    (from: number, to: number) => {
      const { outline, loaded } = latest.current;
      const wanted = new Set<number>();
      for (let at = Math.max(0, from); at <= Math.min(to, outline.length - 1); at++) {
        const turnId = outline[at]!.id;
        if (!loaded.has(turnId) || stale.current.has(turnId)) wanted.add(Math.floor(at / BLOCK));
      }
      for (const block of wanted) if (!inFlight.current.has(block)) void fetchBlock(block);
    },
    [fetchBlock],
  );

  useEffect(() => {
    void reload();
  }, [reload]);

  return { ...state, reload, ensure };
}
