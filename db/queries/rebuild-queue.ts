// The durable rebuild intent (db/schema.ts `dirty_sessions`, `dirty_traces`): the indexer marks what a batch
// touched in the batch's own transaction (db/queries/ingest.ts); the session builder reads it here, newest
// first, and clears a session's mark in the transaction that stores its build. Also what a stored build
// covers (`session_builds`), written in that same transaction, so an incremental build knows what is new.
import { statement, type Db } from "../client";
import type { SessionBuild } from "../schema";

/** marked_at of a session whose last build attempt failed: left out of passes until retried. */
const FAILED = -1;

/** Up to `limit` sessions to build, newest mark first, leaving out the `skip` keys (throttled for now). */
export function listDirtySessionKeys({
  db,
  limit,
  skip,
}: {
  db: Db;
  limit: number;
  skip: string[];
}): string[] {
  const rows = statement(
    db.$client,
    `SELECT session_key AS key FROM dirty_sessions
       WHERE marked_at >= 0 AND session_key NOT IN (SELECT value FROM json_each(?))
       ORDER BY marked_at DESC LIMIT ?`,
  ).all(JSON.stringify(skip), limit) as { key: string }[];
  return rows.map((row) => row.key);
}

/** Sessions and keyless traces waiting (failed builds not counted: they wait for their retry). */
export function countDirtyWork({ db }: { db: Db }): number {
  const row = statement(
    db.$client,
    `SELECT (SELECT count(*) FROM dirty_sessions WHERE marked_at >= 0) + (SELECT count(*) FROM dirty_traces) AS n`,
  ).get() as { n: number };
  return row.n;
}

/** Which of these sessions are still marked. */
export function listMarkedAmong({ db, keys }: { db: Db; keys: string[] }): string[] {
  if (keys.length === 0) return [];
  const rows = statement(
    db.$client,
    "SELECT session_key AS key FROM dirty_sessions WHERE session_key IN (SELECT value FROM json_each(?))",
  ).all(JSON.stringify(keys)) as { key: string }[];
  return rows.map((row) => row.key);
}

/** Clears a session's mark and the dirty traces resolved to it (call in the transaction storing its build). */
export function deleteDirtySession({ db, key }: { db: Db; key: string }): void {
  statement(db.$client, "DELETE FROM dirty_sessions WHERE session_key = ?").run(key);
  statement(db.$client, "DELETE FROM dirty_session_traces WHERE session_key = ?").run(key);
}

/** Keyless records' traces resolved to this session since its last build. */
export function listDirtySessionTraces({ db, key }: { db: Db; key: string }): string[] {
  return db.$client
    .prepare("SELECT trace_id FROM dirty_session_traces WHERE session_key = ?")
    .pluck()
    .all(key) as string[];
}

export function getSessionBuild({ db, id }: { db: Db; id: string }): SessionBuild | undefined {
  return statement(
    db.$client,
    `SELECT session_id AS sessionId, logs_id AS logsId, spans_id AS spansId, metrics_id AS metricsId,
         first_ns AS firstNs, last_ns AS lastNs, client_ns AS clientNs FROM session_builds WHERE session_id = ?`,
  ).get(id) as SessionBuild | undefined;
}

export function saveSessionBuildState({ db, build }: { db: Db; build: SessionBuild }): void {
  statement(
    db.$client,
    `INSERT INTO session_builds (session_id, logs_id, spans_id, metrics_id, first_ns, last_ns, client_ns)
       VALUES (@sessionId, @logsId, @spansId, @metricsId, @firstNs, @lastNs, @clientNs)
       ON CONFLICT(session_id) DO UPDATE SET logs_id = excluded.logs_id, spans_id = excluded.spans_id,
         metrics_id = excluded.metrics_id, first_ns = excluded.first_ns, last_ns = excluded.last_ns,
         client_ns = excluded.client_ns`,
  ).run(build);
}

/** The session's next build is a full one. */
export function deleteSessionBuildState({ db, id }: { db: Db; id: string }): void {
  statement(db.$client, "DELETE FROM session_builds WHERE session_id = ?").run(id);
}

export function saveFailedSessionBuild({ db, key }: { db: Db; key: string }): void {
  statement(db.$client, "UPDATE dirty_sessions SET marked_at = ? WHERE session_key = ?").run(FAILED, key);
}

/** Puts failed builds back in line (oldest position: they are retried after the rest). */
export function resetFailedSessionBuilds({ db }: { db: Db }): number {
  return statement(db.$client, "UPDATE dirty_sessions SET marked_at = 0 WHERE marked_at = ?").run(FAILED)
    .changes;
}

export interface DirtyTrace {
  traceId: string;
  markedAt: number;
}

export function listDirtyTraces({ db, limit }: { db: Db; limit: number }): DirtyTrace[] {
  return statement(
    db.$client,
    "SELECT trace_id AS traceId, marked_at AS markedAt FROM dirty_traces LIMIT ?",
  ).all(limit) as DirtyTrace[];
}

/** Turns resolved traces into session marks (remembering which traces, for an incremental build) and drops
 * the trace marks, in one transaction. */
export function saveResolvedTraces({
  db,
  traces,
  sessions,
}: {
  db: Db;
  traces: string[];
  sessions: Map<string, { markedAt: number; traceIds: string[] }>;
}): void {
  const c = db.$client;
  const mark = statement(
    c,
    `INSERT INTO dirty_sessions (session_key, marked_at) VALUES (?, ?)
     ON CONFLICT(session_key) DO UPDATE SET marked_at = max(marked_at, excluded.marked_at)`,
  );
  const remember = statement(
    c,
    "INSERT OR IGNORE INTO dirty_session_traces (session_key, trace_id) VALUES (?, ?)",
  );
  const drop = statement(c, "DELETE FROM dirty_traces WHERE trace_id = ?");
  c.transaction(() => {
    for (const [key, { markedAt, traceIds }] of sessions) {
      mark.run(key, markedAt);
      for (const traceId of traceIds) remember.run(key, traceId);
    }
    for (const traceId of traces) drop.run(traceId);
  })();
}

/** Session keys with records but neither a build nor an exclusion (doctor): `marked` of them are still marked
 * for the builder; the rest were lost (only a reindex brings them back). */
export function countUnbuiltSessions({ db }: { db: Db }): { unbuilt: number; marked: number } {
  const row = statement(
    db.$client,
    `SELECT count(*) AS unbuilt, coalesce(sum(k.session_key IN (SELECT session_key FROM dirty_sessions)), 0) AS marked
       FROM (SELECT session_key FROM log_records UNION SELECT session_key FROM spans
             UNION SELECT session_key FROM metric_points) k
       WHERE k.session_key IS NOT NULL AND k.session_key NOT IN (SELECT id FROM sessions)
         AND k.session_key NOT IN (SELECT id FROM excluded_sessions)`,
  ).get() as { unbuilt: number; marked: number };
  return row;
}
