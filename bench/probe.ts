// What the bench asks a running tracemark: /api/stats, how long until acknowledged records are indexed
// (index lag) and until everything is grouped into sessions (`?settle=1`).
import { nowMs, sleep } from "./stats";

export interface Stats {
  requests: number;
  log_records: number;
  spans: number;
  metric_points: number;
  sessions: number;
  turns: number;
  archive_bytes: number | null;
  index_backlog: number;
  sessions_pending: number;
  storage_error: string | null;
}

export async function getStats(ui: string, settle = false): Promise<Stats> {
  const response = await fetch(`${ui}/api/stats${settle ? "?settle=1" : ""}`);
  if (!response.ok) throw new Error(`/api/stats answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as Stats;
}

/** Poll period for index lag: fine enough for a ≤ 2 s target; each poll costs the server a few count(*)s. */
const POLL_MS = 25;

/**
 * Milliseconds from `since` (a performance.now() value, e.g. the last ack) until /api/stats counts at least
 * `logRecords` log records; null if that does not happen within `timeoutMs`.
 */
export async function indexLagMs(
  ui: string,
  logRecords: number,
  since: number,
  timeoutMs = 120_000,
): Promise<number | null> {
  const deadline = nowMs() + timeoutMs;
  while (nowMs() < deadline) {
    if ((await getStats(ui)).log_records >= logRecords) return Math.max(0, nowMs() - since);
    await sleep(POLL_MS);
  }
  return null;
}

/** Waits until the server says everything is indexed and grouped; returns the stats then. `?settle=1`
 * gives up after 30 s server-side, so ask again while work is pending (big stores take minutes). */
export async function settle(ui: string, timeoutMs = 30 * 60_000): Promise<Stats> {
  const deadline = nowMs() + timeoutMs;
  for (;;) {
    const stats = await getStats(ui, true);
    if ((stats.index_backlog === 0 && stats.sessions_pending === 0) || nowMs() > deadline) return stats;
  }
}
