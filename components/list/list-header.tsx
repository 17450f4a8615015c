// The list's column headers: each sortable column is a button (click again to flip the order) that says
// how the list is sorted; below 640 px, where rows are cards, a sort menu takes their place.
import type { SessionSort } from "@/lib/shared/views";
import { SORT_LABELS, type ListFilter } from "../list-filter";
import { ROW_GRID } from "./session-row";

interface Props {
  filter: ListFilter;
  onSort: (sort: SessionSort, order: "asc" | "desc") => void;
}

const SORTS = Object.keys(SORT_LABELS) as SessionSort[];

export function ListHeader({ filter, onSort }: Props) {
  const sort = filter.sort ?? "started_at";
  const order = filter.order ?? "desc";
  const header = (column: SessionSort, alignRight: boolean) => {
    const active = column === sort;
    return (
      <span className={alignRight ? "text-right" : ""}>
        <button
          type="button"
          data-testid={`sort-${column}`}
          data-sorted={active ? order : undefined}
          aria-label={`Sort by ${SORT_LABELS[column].toLowerCase()}${active ? `, sorted ${order === "desc" ? "descending" : "ascending"}` : ""}`}
          onClick={() => onSort(column, active && order === "desc" ? "asc" : "desc")}
          className={`inline-flex items-center gap-0.5 hover:text-zinc-900 dark:hover:text-zinc-100 ${active ? "text-zinc-900 dark:text-zinc-100" : ""}`}
          title={`Sort by ${SORT_LABELS[column].toLowerCase()}${active ? ` (${order === "desc" ? "highest or newest first" : "lowest or oldest first"}; click to flip)` : ""}`}
        >
          {SORT_LABELS[column]}
          <span aria-hidden="true" className={active ? "" : "invisible"}>
            {order === "asc" ? "▲" : "▼"}
          </span>
        </button>
      </span>
    );
  };
  return (
    <>
      <div
        className={`${ROW_GRID} hidden border-b border-zinc-200 px-2 py-1 text-xs font-medium text-zinc-500 dark:border-zinc-800`}
      >
        <span>Client</span>
        <span>First prompt</span>
        {header("started_at", false)}
        {SORTS.filter((column) => column !== "started_at").map((column) => (
          <span key={column} className="contents">
            {header(column, true)}
          </span>
        ))}
      </div>
      <label className="flex items-center gap-2 border-b border-zinc-200 px-2 py-1 text-xs text-zinc-500 sm:hidden dark:border-zinc-800">
        Sort
        <select
          data-testid="sort-menu"
          className="rounded border border-zinc-300 bg-white px-1 py-0.5 dark:border-zinc-700 dark:bg-zinc-900"
          value={`${sort}:${order}`}
          onChange={(event) => {
            const [nextSort, nextOrder] = event.target.value.split(":") as [SessionSort, "asc" | "desc"];
            onSort(nextSort, nextOrder);
          }}
        >
          {SORTS.flatMap((column) =>
            (["desc", "asc"] as const).map((direction) => (
              <option key={`${column}:${direction}`} value={`${column}:${direction}`}>
                {SORT_LABELS[column]} {direction === "desc" ? "▼" : "▲"}
              </option>
            )),
          )}
        </select>
      </label>
    </>
  );
}
