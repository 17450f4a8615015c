// Dropping index rows older than the retention cutoff, keeping sessions that carry labels unless told not to.
import type { Db } from "../client";

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
  db,
  cutoffMs,
  keepLabeled,
}: {
  db: Db;
  cutoffMs: number;
  keepLabeled: boolean;
}): RetentionResult {
  const c = db.$client;
  const cutoffNs = (BigInt(Math.floor(cutoffMs)) * 1_000_000n).toString(); // 19 digits until 2286
  return c.transaction(() => {
    c.exec("CREATE TEMP TABLE IF NOT EXISTS kept_sessions (id TEXT PRIMARY KEY)");
    c.exec("DELETE FROM kept_sessions");
    if (keepLabeled) c.exec(`INSERT INTO kept_sessions ${LABELED_SESSIONS}`);
    const old = c
      .prepare(
        "SELECT id FROM sessions WHERE coalesce(ended_at, started_at, 0) < ? AND id NOT IN (SELECT id FROM kept_sessions)",
      )
      .all(cutoffMs) as { id: string }[];
    const dropSession = [
      c.prepare("DELETE FROM sessions WHERE id = ?"),
      c.prepare("DELETE FROM turn_search WHERE rowid IN (SELECT rowid FROM turns WHERE session_id = ?)"),
      c.prepare("DELETE FROM turns WHERE session_id = ?"),
      c.prepare("DELETE FROM tool_calls WHERE session_id = ?"),
      c.prepare("DELETE FROM api_calls WHERE session_id = ?"),
      c.prepare("DELETE FROM turn_usage WHERE session_id = ?"),
    ];
    for (const { id } of old) for (const statement of dropSession) statement.run(id);
    const keptTraces =
      "SELECT trace_id FROM trace_sessions WHERE session_key IN (SELECT id FROM kept_sessions)";
    let records = 0;
    for (const table of ["log_records", "spans", "metric_points"]) {
      // time_ns is a decimal string: a shorter one is a smaller number, equal lengths compare as text
      records += c
        .prepare(
          `DELETE FROM ${table} WHERE (length(time_ns) < 19 OR (length(time_ns) = 19 AND time_ns < ?))
             AND (session_key IS NULL OR session_key NOT IN (SELECT id FROM kept_sessions))
             AND (trace_id IS NULL OR trace_id NOT IN (${keptTraces}))`,
        )
        .run(cutoffNs).changes;
    }
    c.exec("DELETE FROM trace_sessions WHERE session_key NOT IN (SELECT id FROM sessions)");
    // Records of live sessions may be gone now (and their ids reused): every next build is a full one.
    c.exec("DELETE FROM session_builds");
    const kept = (c.prepare("SELECT id FROM kept_sessions").all() as { id: string }[]).map((row) => row.id);
    return { sessions: old.length, records, keptSessions: kept };
  })();
}

/** Of these archive segments, the ones still holding requests some indexed record comes from. */
export function listSegmentsInUse({ db, segments }: { db: Db; segments: string[] }): Set<string> {
  if (segments.length === 0) return new Set();
  const rows = db.$client
    .prepare(
      `SELECT DISTINCT rq.segment FROM requests rq WHERE rq.segment IN (SELECT value FROM json_each(?)) AND (
         EXISTS (SELECT 1 FROM log_records WHERE request_id = rq.id) OR EXISTS (SELECT 1 FROM spans WHERE request_id = rq.id)
         OR EXISTS (SELECT 1 FROM metric_points WHERE request_id = rq.id))`,
    )
    .all(JSON.stringify(segments)) as { segment: string }[];
  return new Set(rows.map((row) => row.segment));
}

/** Forgets segments whose files were deleted (their requests and indexing progress). */
export function deleteSegmentsByName({ db, segments }: { db: Db; segments: string[] }): void {
  const c = db.$client;
  c.transaction(() => {
    c.prepare("DELETE FROM requests WHERE segment IN (SELECT value FROM json_each(?))").run(
      JSON.stringify(segments),
    );
    c.prepare("DELETE FROM segments WHERE name IN (SELECT value FROM json_each(?))").run(
      JSON.stringify(segments),
    );
  })();
}
