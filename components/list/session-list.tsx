"use client";
// The sessions list: filters and sort from the URL, continuous scrolling, live refresh on server events, its
// place kept for going back, and its keys (`/` search, j/k select, Enter open, u next unlabeled, ? help).
import { useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { errorText, getReviewNext } from "../api";
import { isDialogOpen, isShortcutEvent } from "../keyboard";
import type { SessionSort } from "@/lib/shared/views";
import {
  isFiltered,
  readListFilter,
  rememberListQuery,
  toApiQuery,
  toUrlQuery,
  type ListFilter,
} from "../list-filter";
import { ShortcutsOverlay } from "../shortcuts-overlay";
import { Toast, useToast } from "../toast";
import { reviewOrder, TriageToggle, useTriageOrder } from "../triage-order";
import { useDebounced, useLiveEvents } from "../use-live-events";
import { useNow } from "../use-now";
import { EmptyState } from "./empty-state";
import { FilterBar } from "./filter-bar";
import { ListHeader } from "./list-header";
import { LoadMoreSentinel } from "./load-more-sentinel";
import { SessionRow, sessionHref } from "./session-row";
import { useListPlace } from "./use-list-place";
import { useSessionPage } from "./use-session-page";

/** Events come in bursts while an agent works; one refetch per quiet moment is enough. */
const REFRESH_DEBOUNCE_MS = 400;

export function SessionList() {
  const router = useRouter();
  const params = useSearchParams();
  const urlQuery = useMemo(
    () => toUrlQuery(readListFilter(new URLSearchParams(params.toString()))),
    [params],
  );
  const filter = useMemo(() => readListFilter(new URLSearchParams(urlQuery)), [urlQuery]);
  const data = useSessionPage(urlQuery);
  const sessions = useMemo(() => data.page?.sessions ?? [], [data.page]);
  const { toast, showToast, dismiss } = useToast();
  const searchRef = useRef<HTMLInputElement>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [overlay, setOverlay] = useState(false);
  const [triage, setTriage] = useTriageOrder();
  const now = useNow();
  useListPlace(urlQuery, data, selectedId, setSelectedId);

  useEffect(() => rememberListQuery(urlQuery), [urlQuery]);

  // `/` in a session view lands here as `/#search`.
  useEffect(() => {
    if (window.location.hash !== "#search") return;
    searchRef.current?.focus();
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
  }, []);

  const refreshSoon = useDebounced(data.refresh, REFRESH_DEBOUNCE_MS);
  useLiveEvents(refreshSoon, data.refresh);

  const setFilter = useCallback(
    (next: ListFilter) => {
      const query = toUrlQuery(next);
      router.replace(query ? `/?${query}` : "/", { scroll: false });
    },
    [router],
  );

  const setSort = useCallback(
    (sort: SessionSort, order: "asc" | "desc") =>
      setFilter({
        ...filter,
        sort: sort === "started_at" ? undefined : sort,
        order: order === "asc" ? "asc" : undefined,
      }),
    [filter, setFilter],
  );

  const models = useMemo(() => {
    const seen = new Set(sessions.flatMap((session) => session.models));
    if (filter.model) seen.add(filter.model);
    return [...seen].sort();
  }, [sessions, filter.model]);

  const jumpToUnlabeled = useCallback(async () => {
    try {
      const next = await getReviewNext(toApiQuery(filter), undefined, reviewOrder(triage));
      if ("done" in next) showToast("Every turn in this list is labeled.", "info");
      else
        router.push(
          `/sessions/${encodeURIComponent(next.session_id)}?turn=${encodeURIComponent(next.turn_id)}`,
        );
    } catch (error) {
      showToast(`Could not find the next unlabeled turn: ${errorText(error)}`);
    }
  }, [filter, router, showToast, triage]);

  useEffect(() => {
    const move = (step: number): void => {
      const index = sessions.findIndex((session) => session.id === selectedId);
      const target = index === -1 ? (step > 0 ? 0 : sessions.length - 1) : index + step;
      const session = sessions[Math.max(0, Math.min(sessions.length - 1, target))];
      if (session) {
        setSelectedId(session.id);
        // Here, not in an effect on the selection: a selection restored on going back keeps its scroll.
        document
          .querySelector(`[data-session-id="${CSS.escape(session.id)}"]`)
          ?.scrollIntoView({ block: "nearest" });
      }
      if (target >= sessions.length - 1 && data.page?.next) data.loadMore();
    };
    const onKeyDown = (event: KeyboardEvent): void => {
      if (overlay) {
        if (event.key === "Escape" || event.key === "?") {
          event.preventDefault();
          setOverlay(false);
        }
        return;
      }
      if (!isShortcutEvent(event) || isDialogOpen()) return;
      const onControl = event.target instanceof Element && event.target.closest("a, button") !== null;
      const key = event.key;
      const act = (action: () => void): void => {
        event.preventDefault();
        action();
      };
      if (key === "/") {
        act(() => {
          searchRef.current?.focus();
          searchRef.current?.select();
        });
      } else if (key === "?") act(() => setOverlay(true));
      else if (key === "j" || key === "ArrowDown") act(() => move(1));
      else if (key === "k" || key === "ArrowUp") act(() => move(-1));
      else if (((key === "Enter" && !onControl) || key === "o") && selectedId) {
        act(() => router.push(sessionHref(selectedId, filter.q)));
      } else if (key === "u") act(() => void jumpToUnlabeled());
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [overlay, sessions, selectedId, data, router, jumpToUnlabeled, filter.q]);

  const loading = data.query !== urlQuery;
  return (
    <main className="mx-auto max-w-6xl px-4 pb-16">
      <div className="flex items-baseline gap-3 pt-4">
        <h1 className="text-lg font-semibold">Sessions</h1>
        {data.page && <span className="text-sm text-zinc-500 tabular-nums">{data.page.total} total</span>}
        {loading && <span className="text-sm text-zinc-500">loading…</span>}
        <button
          type="button"
          onClick={() => setOverlay(true)}
          className="ml-auto text-xs text-zinc-500 hover:text-zinc-900 dark:hover:text-zinc-100"
        >
          press <kbd className="rounded border border-zinc-300 px-1 font-mono dark:border-zinc-700">?</kbd>{" "}
          for keys
        </button>
      </div>
      <FilterBar filter={filter} models={models} searchRef={searchRef} onChange={setFilter} />
      <div className="-mt-2 mb-1 flex justify-end">
        <TriageToggle triage={triage} onChange={setTriage} />
      </div>
      {data.error && (
        <p
          role="alert"
          className="my-2 rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
        >
          Could not load sessions: {data.error}
        </p>
      )}
      {data.page && data.page.total === 0 && !loading ? (
        <EmptyState filtered={isFiltered(filter)} client={filter.client} onClear={() => setFilter({})} />
      ) : (
        <>
          <ListHeader filter={filter} onSort={setSort} />
          <ul aria-label="Sessions" className={loading ? "opacity-60" : ""}>
            {sessions.map((session) => (
              <SessionRow
                key={session.id}
                session={session}
                selected={session.id === selectedId}
                now={now}
                q={filter.q}
                onOpen={setSelectedId}
              />
            ))}
          </ul>
          {data.page?.next && !loading && (
            <LoadMoreSentinel
              loading={data.loadingMore}
              remaining={data.page.total - sessions.length}
              onVisible={data.loadMore}
            />
          )}
        </>
      )}
      {overlay && <ShortcutsOverlay onClose={() => setOverlay(false)} />}
      <Toast toast={toast} onDismiss={dismiss} />
    </main>
  );
}
