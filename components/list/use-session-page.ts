"use client";
// The session list's data: the first page for the current filter and sort, further pages as the user
// scrolls, a refresh (live events) that refetches only the first page and merges it in front of what is
// loaded, and a restore of rows kept from an earlier visit (list-place.ts) that is then refreshed the same way.
import { useCallback, useEffect, useRef, useState } from "react";
import type { SessionPage } from "@/lib/shared/views";
import { errorText, listSessions } from "../api";
import { readListFilter, toApiQuery, toApiSort } from "../list-filter";

const PAGE_SIZE = 50;

export interface SessionPageState {
  /** The URL query the data belongs to; a different one means a load is under way. */
  query: string | null;
  page: SessionPage | null;
  error: string | null;
  loadingMore: boolean;
}

/**
 * A fresh first page in front of the sessions already loaded beyond it: those after the fresh page's last
 * row in the loaded list. By position, so it holds for every sort without restating the sort here.
 */
export function mergeFirstPage(fresh: SessionPage, loaded: SessionPage | null): SessionPage {
  const last = fresh.sessions.at(-1);
  if (!loaded || !last || fresh.next === null) return fresh;
  const at = loaded.sessions.findIndex((session) => session.id === last.id);
  if (at === -1) return fresh;
  const ids = new Set(fresh.sessions.map((session) => session.id));
  const rest = loaded.sessions.slice(at + 1).filter((session) => !ids.has(session.id));
  return rest.length === 0 ? fresh : { ...fresh, sessions: [...fresh.sessions, ...rest], next: loaded.next };
}

function apiQuery(urlQuery: string, before?: string): URLSearchParams {
  const filter = readListFilter(new URLSearchParams(urlQuery));
  const params = toApiQuery(filter);
  for (const [key, value] of toApiSort(filter)) params.set(key, value);
  params.set("limit", String(PAGE_SIZE));
  if (before) params.set("before", before);
  return params;
}

export interface SessionPageData extends SessionPageState {
  loadMore: () => void;
  refresh: () => void;
  /** Shows kept rows at once (call before paint); a refresh then brings them up to date. */
  restore: (page: SessionPage) => void;
}

export function useSessionPage(urlQuery: string): SessionPageData {
  const [state, setState] = useState<SessionPageState>({
    query: null,
    page: null,
    error: null,
    loadingMore: false,
  });
  // Responses for an older query or refresh are dropped: only the latest request may write.
  const generation = useRef(0);

  const fetchFirst = useCallback(async () => {
    const mine = ++generation.current;
    try {
      const fresh = await listSessions(apiQuery(urlQuery));
      if (mine !== generation.current) return;
      setState((current) => ({
        query: urlQuery,
        // Rows already shown for this query (loaded pages, or kept ones restored) stay below the fresh page.
        page: current.query === urlQuery ? mergeFirstPage(fresh, current.page) : fresh,
        error: null,
        loadingMore: false,
      }));
    } catch (error) {
      if (mine === generation.current)
        setState((current) => ({ ...current, query: urlQuery, error: errorText(error) }));
    }
  }, [urlQuery]);

  useEffect(() => {
    void fetchFirst();
  }, [fetchFirst]);

  const refresh = useCallback(() => void fetchFirst(), [fetchFirst]);

  const restore = useCallback(
    (page: SessionPage) => setState({ query: urlQuery, page, error: null, loadingMore: false }),
    [urlQuery],
  );

  const loadMore = useCallback(() => {
    const before = state.page?.next;
    if (!before || state.loadingMore || state.query !== urlQuery) return;
    const mine = generation.current;
    setState((current) => ({ ...current, loadingMore: true }));
    listSessions(apiQuery(urlQuery, before)).then(
      (more) => {
        if (mine !== generation.current) return;
        setState((current) => {
          if (!current.page) return current;
          const ids = new Set(current.page.sessions.map((session) => session.id));
          const sessions = [
            ...current.page.sessions,
            ...more.sessions.filter((session) => !ids.has(session.id)),
          ];
          return { ...current, page: { ...more, sessions }, loadingMore: false };
        });
      },
      (error: unknown) => {
        if (mine === generation.current)
          setState((current) => ({ ...current, loadingMore: false, error: errorText(error) }));
      },
    );
  }, [state.page?.next, state.loadingMore, state.query, urlQuery]);

  return { ...state, loadMore, refresh, restore };
}
