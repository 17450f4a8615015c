"use client";
// The session list's data: the first page for the current filter, "load more" pages after it, and a
// refresh (live events) that refetches only the first page and merges it in front of what is loaded.
import { useCallback, useEffect, useRef, useState } from "react";
import type { SessionPage } from "@/lib/shared/views";
import { errorText, listSessions } from "../api";
import { readListFilter, toApiQuery } from "../list-filter";
import { isOlder } from "../session-order";

const PAGE_SIZE = 50;

export interface SessionPageState {
  /** The URL query the data belongs to; a different one means a load is under way. */
  query: string | null;
  page: SessionPage | null;
  error: string | null;
  loadingMore: boolean;
}

/** A fresh first page in front of the older sessions already loaded beyond it. */
export function mergeFirstPage(fresh: SessionPage, loaded: SessionPage | null): SessionPage {
  const last = fresh.sessions.at(-1);
  if (!loaded || !last || fresh.next === null) return fresh;
  const ids = new Set(fresh.sessions.map((session) => session.id));
  const rest = loaded.sessions.filter((session) => !ids.has(session.id) && isOlder(session, last));
  return rest.length === 0 ? fresh : { ...fresh, sessions: [...fresh.sessions, ...rest], next: loaded.next };
}

function apiQuery(urlQuery: string, before?: string): URLSearchParams {
  const params = toApiQuery(readListFilter(new URLSearchParams(urlQuery)));
  params.set("limit", String(PAGE_SIZE));
  if (before) params.set("before", before);
  return params;
}

export function useSessionPage(urlQuery: string): SessionPageState & { loadMore: () => void; refresh: () => void } {
  const [state, setState] = useState<SessionPageState>({ query: null, page: null, error: null, loadingMore: false });
  // Responses for an older query or refresh are dropped: only the latest request may write.
  const generation = useRef(0);

  const fetchFirst = useCallback(
    async (merge: boolean) => {
      const mine = ++generation.current;
      try {
        const fresh = await listSessions(apiQuery(urlQuery));
        if (mine !== generation.current) return;
        setState((current) => ({
          query: urlQuery,
          page: merge && current.query === urlQuery ? mergeFirstPage(fresh, current.page) : fresh,
          error: null,
          loadingMore: false,
        }));
      } catch (error) {
        if (mine === generation.current) setState((current) => ({ ...current, query: urlQuery, error: errorText(error) }));
      }
    },
    [urlQuery],
  );

  useEffect(() => {
    void fetchFirst(false);
  }, [fetchFirst]);

  const refresh = useCallback(() => void fetchFirst(true), [fetchFirst]);

  const loadMore = useCallback(() => {
    const before = state.page?.next;
    if (!before || state.loadingMore) return;
    const mine = generation.current;
    setState((current) => ({ ...current, loadingMore: true }));
    listSessions(apiQuery(urlQuery, before)).then(
      (more) => {
        if (mine !== generation.current) return;
        setState((current) => {
          if (!current.page) return current;
          const ids = new Set(current.page.sessions.map((session) => session.id));
          const sessions = [...current.page.sessions, ...more.sessions.filter((session) => !ids.has(session.id))];
          return { ...current, page: { ...more, sessions }, loadingMore: false };
        });
      },
      (error: unknown) => {
        if (mine === generation.current) setState((current) => ({ ...current, loadingMore: false, error: errorText(error) }));
      },
    );
  }, [state.page?.next, state.loadingMore, urlQuery]);

  return { ...state, loadMore, refresh };
}
