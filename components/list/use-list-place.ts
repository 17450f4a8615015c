"use client";
// Keeps the list's place per list URL (list-place.ts): rows as they change, selection and scroll as the user
// moves; on arrival, restores kept rows, then selection and scroll, before the browser paints.
import { useEffect, useLayoutEffect, useRef } from "react";
import type { SessionPageData } from "./use-session-page";
import { readListPlace, saveListRows, saveListView } from "./list-place";

export function useListPlace(
  urlQuery: string,
  data: SessionPageData,
  selectedId: string | null,
  select: (id: string | null) => void,
): void {
  const pendingScroll = useRef<number | null>(null);
  const restored = useRef(false);
  const view = useRef({ selectedId, scrollY: 0 });
  const { restore } = data;

  // On arrival, before paint: kept rows and selection (a fresh first page is then merged in front as usual).
  // Only then: changing the filter on the page starts that list at its top.
  useLayoutEffect(() => {
    if (restored.current) return;
    restored.current = true;
    const place = readListPlace(urlQuery);
    if (!place) return;
    restore(place.page);
    select(place.view.selectedId);
    pendingScroll.current = place.view.scrollY;
  }, [urlQuery, restore, select]);

  // Once the kept rows are on the page (the render after the restore), also before paint: the scroll.
  useLayoutEffect(() => {
    if (pendingScroll.current === null || data.query !== urlQuery) return;
    window.scrollTo(0, pendingScroll.current);
    view.current.scrollY = pendingScroll.current;
    pendingScroll.current = null;
  }, [data.query, data.page, urlQuery]);

  useEffect(() => {
    if (data.page && data.query === urlQuery) saveListRows(urlQuery, data.page);
  }, [data.page, data.query, urlQuery]);

  useEffect(() => {
    view.current.selectedId = selectedId;
    saveListView(urlQuery, view.current);
  }, [selectedId, urlQuery]);

  useEffect(() => {
    let frame = 0;
    const onScroll = (): void => {
      if (pendingScroll.current !== null) return; // the scroll to restore is not applied yet
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        view.current.scrollY = window.scrollY;
        saveListView(urlQuery, view.current);
      });
    };
    window.addEventListener("scroll", onScroll, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener("scroll", onScroll);
    };
  }, [urlQuery]);
}
