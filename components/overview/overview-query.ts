// The Overview's state as it lives in the page URL (`range`, `client`), the API request it makes, and the
// sessions-list links its charts open. Pure, so the range arithmetic and the links are unit-tested.
import type { Overview } from "@/lib/overview/types";
import type { LabelState } from "@/lib/shared/labels";
import { ApiError } from "../api";

export const OVERVIEW_RANGES = ["7d", "30d", "90d", "1y", "all"] as const;
export type OverviewRange = (typeof OVERVIEW_RANGES)[number];
export const DEFAULT_RANGE: OverviewRange = "30d";
export const RANGE_LABELS: Record<OverviewRange, string> = {
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  "90d": "Last 90 days",
  "1y": "Last year",
  all: "All time",
};
const RANGE_DAYS: Record<Exclude<OverviewRange, "all">, number> = {
  "7d": 7,
  "30d": 30,
  "90d": 90,
  "1y": 365,
};

export interface OverviewState {
  range: OverviewRange;
  client?: string;
}

const isRange = (value: string): value is OverviewRange =>
  (OVERVIEW_RANGES as readonly string[]).includes(value);

export function readOverviewState(params: URLSearchParams): OverviewState {
  const range = params.get("range") ?? "";
  const client = params.get("client")?.trim();
  return { range: isRange(range) ? range : DEFAULT_RANGE, ...(client ? { client } : {}) };
}

/** The page URL's query (the default range is left out, so `/overview` is the default view). */
export function toOverviewUrlQuery(state: OverviewState): string {
  const params = new URLSearchParams();
  if (state.range !== DEFAULT_RANGE) params.set("range", state.range);
  if (state.client) params.set("client", state.client);
  return params.toString();
}

/** Minutes east of UTC right now (what the API's `utc_offset` wants; getTimezoneOffset is west). */
export const localUtcOffset = (now: Date): number => -now.getTimezoneOffset();

/**
 * The API query: a range of N days is today and the N−1 local days before it, from local midnight, so
 * every day bar covers a whole day and the first bar is not a partial one.
 */
export function toOverviewApiQuery(state: OverviewState, now = new Date()): URLSearchParams {
  const params = new URLSearchParams();
  if (state.client) params.set("client", state.client);
  if (state.range !== "all") {
    const start = new Date(now.getFullYear(), now.getMonth(), now.getDate() - (RANGE_DAYS[state.range] - 1));
    params.set("since", start.toISOString());
  }
  params.set("utc_offset", String(localUtcOffset(now)));
  return params;
}

export async function getOverview(query: URLSearchParams): Promise<Overview> {
  let response: Response;
  try {
    response = await fetch(`/api/overview?${query.toString()}`, { cache: "no-store" });
  } catch {
    throw new ApiError(0, "the tracemark server is not reachable");
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message =
      body && typeof body === "object" && "error" in body && typeof body.error === "string"
        ? body.error
        : null;
    throw new ApiError(response.status, message ?? `HTTP ${response.status}`);
  }
  return body as Overview; // our own API, typed by lib/overview/types.ts
}

/** What a click narrows the sessions list to, on top of the Overview's own scope. */
export interface SessionsLinkFilter {
  client?: string;
  since?: string | null;
  until?: string | null;
  model?: string | null;
  has_errors?: boolean;
  tool_failed?: boolean;
  label_state?: Extract<LabelState, "has-bad" | "unlabeled">;
  q?: string;
  reason?: string;
  tool?: string;
}

/** The sessions list (`/`) filtered to the sessions behind a chart element (its query names, docs/api.md). */
export function sessionsHref(scope: Overview["scope"], narrow: SessionsLinkFilter = {}): string {
  const params = new URLSearchParams();
  if (narrow.q) params.set("q", narrow.q);
  const client = narrow.client ?? scope.client;
  if (client) params.set("client", client);
  if (narrow.model) params.set("model", narrow.model);
  if (narrow.label_state) params.set("label_state", narrow.label_state);
  if (narrow.reason) params.set("reason", narrow.reason);
  if (narrow.tool) params.set("tool", narrow.tool);
  const since = narrow.since ?? scope.since;
  const until = narrow.until ?? scope.until;
  if (since) params.set("since", since);
  if (until) params.set("until", until);
  if (narrow.has_errors) params.set("has_errors", "true");
  if (narrow.tool_failed) params.set("tool_failed", "true");
  const query = params.toString();
  return query ? `/?${query}` : "/";
}
