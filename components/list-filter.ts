// The session list's filter and sort as they live in the page URL (linkable, survive reload), and their
// mapping to the API's query parameters. The session view reuses the last list filter (kept per tab in sessionStorage) so
// `]`, `[` and `u` walk the same list the person was looking at.
import { REASON_ID_PATTERN } from "@/lib/shared/reasons";
import { SIGNAL_KINDS, type SignalKind } from "@/lib/shared/signals";

import type { SessionSort } from "@/lib/shared/views";
import { LABEL_STATES, type LabelState } from "@/lib/shared/labels";

/** Relative ranges stay relative in the URL ("last 24 hours" still means that tomorrow). */
export const RANGES = {
  "1h": 3_600_000,
  "24h": 86_400_000,
  "7d": 7 * 86_400_000,
  "30d": 30 * 86_400_000,
} as const;
export type Range = keyof typeof RANGES;

export interface ListFilter {
  client?: string;
  model?: string;
  has_errors?: boolean;
  tool_failed?: boolean;
  label_state?: LabelState;
  /** Sessions with a turn that has this signal (docs/api.md "Signals"). */
  signal?: SignalKind;
  range?: Range;
  since?: string; // ISO, only without `range`
  until?: string;
  q?: string;
  /** A reason id: sessions with a turn carrying it. */
  reason?: string;
  /** A tool name: sessions that called it. */
  tool?: string;
  /** Absent: newest first (`started_at`, `desc`), the API's default. */
  sort?: SessionSort;
  order?: "asc" | "desc";
}

/** Every sort the API takes, with the column header that shows it (typed: a missing sort fails the build). */
export const SORT_LABELS = {
  started_at: "When",
  duration: "Duration",
  turns: "Turns",
  tools: "Tools",
  errors: "Errors",
  tokens: "Tokens",
  labeled: "Labeled",
} as const satisfies Record<SessionSort, string>;
const isSort = (value: string): value is SessionSort => value in SORT_LABELS;

const isRange = (value: string): value is Range => value in RANGES;
const isLabelState = (value: string): value is LabelState =>
  (LABEL_STATES as readonly string[]).includes(value);
const isTime = (value: string): boolean => !Number.isNaN(Date.parse(value));
const isSignalKind = (value: string): value is SignalKind =>
  (SIGNAL_KINDS as readonly string[]).includes(value);

/** Unknown or malformed values are dropped rather than sent to the API to fail there. */
export function readListFilter(params: URLSearchParams): ListFilter {
  const filter: ListFilter = {};
  const text = (name: string): string | undefined => params.get(name)?.trim() || undefined;
  filter.client = text("client");
  filter.model = text("model");
  filter.q = text("q");
  filter.tool = text("tool");
  const reason = text("reason");
  if (reason && REASON_ID_PATTERN.test(reason)) filter.reason = reason;
  if (params.get("has_errors") === "true") filter.has_errors = true;
  if (params.get("tool_failed") === "true") filter.tool_failed = true;
  const state = params.get("label_state");
  if (state && isLabelState(state)) filter.label_state = state;
  const signal = params.get("signal");
  if (signal && isSignalKind(signal)) filter.signal = signal;
  const range = params.get("range");
  if (range && isRange(range)) filter.range = range;
  else {
    const since = text("since");
    const until = text("until");
    if (since && isTime(since)) filter.since = since;
    if (until && isTime(until)) filter.until = until;
  }
  const sort = params.get("sort");
  if (sort && isSort(sort) && sort !== "started_at") filter.sort = sort;
  const order = params.get("order");
  if (order === "asc") filter.order = "asc";
  return filter;
}

/** The page URL's query string for a filter (stable key order, so equal filters give equal URLs). */
export function toUrlQuery(filter: ListFilter): string {
  const params = new URLSearchParams();
  for (const key of [
    "q",
    "client",
    "model",
    "label_state",
    "reason",
    "signal",
    "tool",
    "range",
    "since",
    "until",
  ] as const) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  if (filter.has_errors) params.set("has_errors", "true");
  if (filter.tool_failed) params.set("tool_failed", "true");
  if (filter.sort) params.set("sort", filter.sort);
  if (filter.order === "asc") params.set("order", "asc");
  return params.toString();
}

/** The API's sort parameters for the list (the review queue and neighbours keep list-start order). */
export function toApiSort(filter: ListFilter): URLSearchParams {
  return new URLSearchParams({ sort: filter.sort ?? "started_at", order: filter.order ?? "desc" });
}

/** The API's filter parameters (shared by /api/sessions and /api/review/next). */
export function toApiQuery(filter: ListFilter, now = Date.now()): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ["q", "client", "model", "label_state", "reason", "signal", "tool"] as const) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  if (filter.has_errors) params.set("has_errors", "true");
  if (filter.tool_failed) params.set("tool_failed", "true");
  if (filter.range) params.set("since", new Date(now - RANGES[filter.range]).toISOString());
  else {
    if (filter.since) params.set("since", new Date(filter.since).toISOString());
    if (filter.until) params.set("until", new Date(filter.until).toISOString());
  }
  return params;
}

/** Whether the filter leaves sessions out (sorting leaves none out). */
export function isFiltered(filter: ListFilter): boolean {
  return toUrlQuery({ ...filter, sort: undefined, order: undefined }) !== "";
}

const LIST_QUERY_KEY = "tracemark.listQuery";

export function rememberListQuery(query: string): void {
  try {
    sessionStorage.setItem(LIST_QUERY_KEY, query);
  } catch {
    // storage disabled: the session view falls back to the unfiltered list
  }
}

export function recalledListQuery(): string {
  try {
    return sessionStorage.getItem(LIST_QUERY_KEY) ?? "";
  } catch {
    return "";
  }
}

/** The list URL for the remembered filter; `#search` asks the list to focus its search box. */
export function listHref(options: { focusSearch?: boolean } = {}): string {
  const query = recalledListQuery();
  return `/${query ? `?${query}` : ""}${options.focusSearch ? "#search" : ""}`;
}
