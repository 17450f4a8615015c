// The UI's one door to the JSON API (docs/api.md): typed requests, and failures as ApiError carrying the
// server's own `{error}` message so a toast can say what went wrong. Wire types come from lib/shared.
import type { LabelChange, LabelTargetType, SavedLabel } from "@/lib/shared/labels";
import type { ReviewNext, SessionNeighbors, SessionPage, ToolList, TurnRecords } from "@/lib/shared/views";
import type { Reason } from "@/lib/shared/reasons";
import {
  fromOutlineWire,
  type SessionFind,
  type SessionOutline,
  type SessionOutlineWire,
  type TurnRange,
} from "@/lib/shared/session-outline";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { cache: "no-store", ...init });
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
  // Our own API, typed by the shared wire types in lib/shared/views.ts.
  return body as T;
}

const withQuery = (path: string, query: URLSearchParams): string => {
  const text = query.toString();
  return text ? `${path}?${text}` : path;
};

export function listSessions(query: URLSearchParams): Promise<SessionPage> {
  return request<SessionPage>(withQuery("/api/sessions", query));
}

/** Where the outline is asked for: the page preloads exactly this URL, so the request below reuses it. */
export function sessionOutlinePath(id: string, turnId?: string | null): string {
  const query = new URLSearchParams({ view: "outline" });
  if (turnId) query.set("turn", turnId);
  return withQuery(`/api/sessions/${encodeURIComponent(id)}`, query);
}

/** The session page's first request: the header, every turn's outline, full turns around `turnId`. */
export function getSessionOutline(id: string, turnId?: string | null): Promise<SessionOutline> {
  return request<SessionOutlineWire>(sessionOutlinePath(id, turnId)).then(fromOutlineWire);
}

/** Full turns at positions [from, to) (at most MAX_TURN_RANGE). */
export function getTurnRange(id: string, from: number, to: number): Promise<TurnRange> {
  const query = new URLSearchParams({ from: String(from), to: String(to) });
  return request<TurnRange>(withQuery(`/api/sessions/${encodeURIComponent(id)}/turns`, query));
}

/** The ids of every turn of the session matching all terms of `q`, in order. */
export function findInSession(id: string, q: string, signal?: AbortSignal): Promise<SessionFind> {
  return request<SessionFind>(
    withQuery(`/api/sessions/${encodeURIComponent(id)}/find`, new URLSearchParams({ q })),
    {
      signal,
    },
  );
}

export function getSessionNeighbors(id: string, filter: URLSearchParams): Promise<SessionNeighbors> {
  return request(withQuery(`/api/sessions/${encodeURIComponent(id)}/neighbors`, filter));
}

export function putLabel(type: LabelTargetType, id: string, change: LabelChange): Promise<SavedLabel> {
  const path =
    type === "turn"
      ? `/api/turns/${encodeURIComponent(id)}/label`
      : `/api/sessions/${encodeURIComponent(id)}/label`;
  return request<SavedLabel>(path, {
    method: "PUT",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(change),
  });
}

/** The next unlabeled turn in review order after `after` (or from the top), among sessions matching `filter`;
 * `order` "triage" walks likely-bad turns first. */
export function getReviewNext(
  filter: URLSearchParams,
  after?: string,
  order: "time" | "triage" = "time",
): Promise<ReviewNext> {
  const query = new URLSearchParams(filter);
  if (after) query.set("after", after);
  if (order === "triage") query.set("order", order);
  return request<ReviewNext>(withQuery("/api/review/next", query));
}

export function getTurnRecords(turnId: string): Promise<TurnRecords> {
  return request<TurnRecords>(`/api/turns/${encodeURIComponent(turnId)}/records`);
}

export function getTools(): Promise<ToolList> {
  return request<ToolList>("/api/tools");
}

export function getReasons(): Promise<{ reasons: Reason[] }> {
  return request<{ reasons: Reason[] }>("/api/reasons");
}

export function putReasons(reasons: Reason[]): Promise<{ reasons: Reason[] }> {
  return request<{ reasons: Reason[] }>("/api/reasons", {
    method: "PUT",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ reasons }),
  });
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
