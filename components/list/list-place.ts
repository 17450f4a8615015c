// The list's place per list URL, kept in sessionStorage (per tab) so going back from a session shows the
// same loaded rows, selection and scroll: rows are saved when they change, the view as the user moves.
import type { SessionPage } from "@/lib/shared/views";

export interface ListView {
  selectedId: string | null;
  scrollY: number;
}

/** Beyond this many rows the place is not kept (sessionStorage holds ~5 MB; a row is ~1 KB). */
const MAX_KEPT_ROWS = 2_000;
const rowsKey = (query: string): string => `tracemark.listRows:${query}`;
const viewKey = (query: string): string => `tracemark.listView:${query}`;

function read<T>(key: string): T | null {
  try {
    const text = sessionStorage.getItem(key);
    return text === null ? null : (JSON.parse(text) as T);
  } catch {
    return null; // storage off or a damaged entry: start at the top
  }
}

function write(key: string, value: unknown): void {
  try {
    sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // storage off or full: the list still works, it just starts at the top next time
  }
}

export function saveListRows(query: string, page: SessionPage): void {
  write(rowsKey(query), page.sessions.length > MAX_KEPT_ROWS ? null : page);
}

export function saveListView(query: string, view: ListView): void {
  write(viewKey(query), view);
}

export function readListPlace(query: string): { page: SessionPage; view: ListView } | null {
  const page = read<SessionPage>(rowsKey(query));
  if (!page || !Array.isArray(page.sessions) || page.sessions.length === 0) return null;
  const view = read<ListView>(viewKey(query));
  return {
    page,
    view: {
      selectedId: view?.selectedId ?? null,
      scrollY: typeof view?.scrollY === "number" ? view.scrollY : 0,
    },
  };
}
