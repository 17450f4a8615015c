// Dropping index rows older than the retention cutoff, keeping sessions that carry labels unless told not to.
import { fragmentsOf } from "../dialect";
import type { Store } from "../store";

export interface RetentionResult {
  sessions: number;
  records: number;
  keptSessions: string[];
}

const LABELED_SESSIONS = `SELECT s.id FROM sessions s WHERE EXISTS (
    SELECT 1 FROM labels l WHERE (l.target_type = 'session' AND l.target_id = s.id)
      OR (l.target_type = 'turn' AND l.target_id IN (SELECT id FROM turns WHERE session_id = s.id)))`;

/** Deletes sessions that ended before the cutoff and every record older than it, except what kept sessions
 * need (their own records and those of their traces). */
export function deleteRowsBefore({
  store,
  cutoffMs,
  keepLabeled,
}: {
  store: Store;
  cutoffMs: number;
  keepLabeled: boolean;
}): Promise<RetentionResult> {
  const sql = fragmentsOf(store.dialect);
  const cutoffNs = (BigInt(Math.floor(cutoffMs)) * 1_000_000n).toString(); // 19 digits until 2286
  return store.transaction(async (tx) => {
    await tx.run("CREATE TEMP TABLE IF NOT EXISTS kept_sessions (id TEXT PRIMARY KEY)");
    await tx.run("DELETE FROM kept_sessions");
    if (keepLabeled) await tx.run(`INSERT INTO kept_sessions ${LABELED_SESSIONS}`);
    const old = await tx.all<{ id: string }>(
      "SELECT id FROM sessions WHERE coalesce(ended_at, started_at, 0) < ? AND id NOT IN (SELECT id FROM kept_sessions)",
      [cutoffMs],
    );
    const dropSession = [
      "DELETE FROM sessions WHERE id = ?",
      `DELETE FROM turn_search WHERE ${sql.turnSearchOfSession("?")}`,
      "DELETE FROM turns WHERE session_id = ?",
      "DELETE FROM tool_calls WHERE session_id = ?",
      "DELETE FROM api_calls WHERE session_id = ?",
      "DELETE FROM turn_usage WHERE session_id = ?",
    ];
    for (const { id } of old) for (const statement of dropSession) await tx.run(statement, [id]);
    const keptTraces =
      "SELECT trace_id FROM trace_sessions WHERE session_key IN (SELECT id FROM kept_sessions)";
    let records = 0;
    for (const table of ["log_records", "spans", "metric_points"]) {
      // time_ns is a decimal string: a shorter one is a smaller number, equal lengths compare as text
      const { changes } = await tx.run(
        `DELETE FROM ${table} WHERE (length(time_ns) < 19 OR (length(time_ns) = 19 AND time_ns < ?))
           AND (session_key IS NULL OR session_key NOT IN (SELECT id FROM kept_sessions))
           AND (trace_id IS NULL OR trace_id NOT IN (${keptTraces}))`,
        [cutoffNs],
      );
      records += changes;
    }
    await tx.run("DELETE FROM trace_sessions WHERE session_key NOT IN (SELECT id FROM sessions)");
    // Records of live sessions may be gone now (and their ids reused): every next build is a full one.
    await tx.run("DELETE FROM session_builds");
    const kept = await tx.all<{ id: string }>("SELECT id FROM kept_sessions ORDER BY id");
    return { sessions: old.length, records, keptSessions: kept.map((row) => row.id) };
  });
}

/** Of these archive segments, the ones still holding requests some indexed record comes from. */
export async function listSegmentsInUse({
  store,
  segments,
}: {
  store: Store;
  segments: string[];
}): Promise<Set<string>> {
  if (segments.length === 0) return new Set();
  const sql = fragmentsOf(store.dialect);
  const rows = await store.all<{ segment: string }>(
    `SELECT DISTINCT rq.segment FROM requests rq WHERE rq.segment IN (${sql.jsonValues("?")}) AND (
       EXISTS (SELECT 1 FROM log_records WHERE request_id = rq.id) OR EXISTS (SELECT 1 FROM spans WHERE request_id = rq.id)
       OR EXISTS (SELECT 1 FROM metric_points WHERE request_id = rq.id))`,
    [JSON.stringify(segments)],
  );
  return new Set(rows.map((row) => row.segment));
}

/** Forgets segments whose files were deleted (their requests and indexing progress). */
export function deleteSegmentsByName({
  store,
  segments,
}: {
  store: Store;
  segments: string[];
}): Promise<void> {
  const sql = fragmentsOf(store.dialect);
  return store.transaction(async (tx) => {
    await tx.run(`DELETE FROM requests WHERE segment IN (${sql.jsonValues("?")})`, [
      JSON.stringify(segments),
    ]);
    await tx.run(`DELETE FROM segments WHERE name IN (${sql.jsonValues("?")})`, [JSON.stringify(segments)]);
  });
}
