// The API's view of a server's data, for comparing two stores (local vs bucket archive, before vs after a
// reindex): /api/stats less what depends on the store itself, every session's list row, detail and turns.
import type { SessionDetail, SessionSummary } from "@/lib/shared/views";

export interface ApiSnapshot {
  stats: Record<string, unknown>;
  sessions: SessionSummary[];
  details: Record<string, SessionDetail>;
  turns: Record<string, unknown>;
}

/** Bytes differ between stores without the data differing. */
const STORE_FIELDS = ["archive_bytes"];

async function get<T>(base: string, path: string, headers: Record<string, string>): Promise<T> {
  const response = await fetch(`${base}${path}`, { headers });
  if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** `headers`: who asks, where people sign in (`Authorization: Bearer <personal token>`): labels are per person. */
export async function apiSnapshot(ui: string, headers: Record<string, string> = {}): Promise<ApiSnapshot> {
  const stats = await get<Record<string, unknown>>(ui, "/api/stats?settle=1", headers);
  for (const field of STORE_FIELDS) delete stats[field];
  const { sessions } = await get<{ sessions: SessionSummary[] }>(
    ui,
    "/api/sessions?limit=500&order=asc",
    headers,
  );
  const details: Record<string, SessionDetail> = {};
  const turns: Record<string, unknown> = {};
  for (const session of sessions) {
    const id = encodeURIComponent(session.id);
    const detail = await get<SessionDetail>(ui, `/api/sessions/${id}`, headers);
    details[session.id] = detail;
    turns[session.id] = await get(
      ui,
      `/api/sessions/${id}/turns?from=0&to=${Math.max(1, detail.turns.length)}`,
      headers,
    );
  }
  return { stats, sessions, details, turns };
}
