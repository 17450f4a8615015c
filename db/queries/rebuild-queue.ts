// The durable rebuild intent (db/schema.ts `dirty_sessions`, `dirty_traces`): the indexer marks what a batch
// touched in the batch's own transaction (db/queries/ingest.ts); the session builder reads it here, newest
// first, claims a session's mark for the build transaction and clears it in the transaction that stores its
// build. Also what a stored build covers (`session_builds`), written in that same transaction, so an
// incremental build knows what is new.
import { fragmentsOf } from "../dialect";
import type { SessionBuild } from "../schema";
import type { Store } from "../store";

/** marked_at of a session whose last build attempt failed: left out of passes until retried. */
const FAILED = -1;

/** Up to `limit` sessions to build, newest mark first, leaving out the `skip` keys (throttled for now). */
export async function listDirtySessionKeys({
  store,
  limit,
  skip,
}: {
  store: Store;
  limit: number;
  skip: string[];
}): Promise<string[]> {
  const rows = await store.all<{ key: string }>(
    `SELECT session_key AS key FROM dirty_sessions
       WHERE marked_at >= 0 AND session_key NOT IN (${fragmentsOf(store.dialect).jsonValues("@skip")})
       ORDER BY marked_at DESC LIMIT @limit`,
    { skip: JSON.stringify(skip), limit },
  );
  return rows.map((row) => row.key);
}

/**
 * Claims a session's mark for the open transaction `tx` (call before building it): true when it is still
 * marked (not failed) and no other transaction holds it. On PostgreSQL the row stays locked until `tx` ends,
 * so another replica skips the session meanwhile, and an indexer re-marking it waits for the build to commit
 * (its mark then survives the build's delete: its upsert inserts it again); a replica that dies releases its
 * locks with its connection. SQLite has one writer: the transaction itself is the claim.
 */
export async function saveSessionClaim({ tx, key }: { tx: Store; key: string }): Promise<boolean> {
  const lock = tx.dialect === "postgres" ? " FOR UPDATE SKIP LOCKED" : "";
  const row = await tx.get(
    `SELECT 1 AS claimed FROM dirty_sessions WHERE session_key = @key AND marked_at >= 0${lock}`,
    { key },
  );
  return row !== undefined;
}

/** Sessions and keyless traces waiting (failed builds not counted: they wait for their retry). */
export async function countDirtyWork({ store }: { store: Store }): Promise<number> {
  const row = await store.get<{ n: number }>(
    `SELECT (SELECT count(*) FROM dirty_sessions WHERE marked_at >= 0) + (SELECT count(*) FROM dirty_traces) AS n`,
  );
  return row?.n ?? 0;
}

/** Which of these sessions are still marked. */
export async function listMarkedAmong({ store, keys }: { store: Store; keys: string[] }): Promise<string[]> {
  if (keys.length === 0) return [];
  const rows = await store.all<{ key: string }>(
    `SELECT session_key AS key FROM dirty_sessions
       WHERE session_key IN (${fragmentsOf(store.dialect).jsonValues("@keys")})`,
    { keys: JSON.stringify(keys) },
  );
  return rows.map((row) => row.key);
}

/** Clears a session's mark and the dirty traces resolved to it (call in the transaction storing its build). */
export async function deleteDirtySession({ store, key }: { store: Store; key: string }): Promise<void> {
  await store.run("DELETE FROM dirty_sessions WHERE session_key = @key", { key });
  await store.run("DELETE FROM dirty_session_traces WHERE session_key = @key", { key });
}

/** Keyless records' traces resolved to this session since its last build. */
export async function listDirtySessionTraces({
  store,
  key,
}: {
  store: Store;
  key: string;
}): Promise<string[]> {
  const rows = await store.all<{ traceId: string }>(
    "SELECT trace_id AS traceId FROM dirty_session_traces WHERE session_key = @key",
    { key },
  );
  return rows.map((row) => row.traceId);
}

export function getSessionBuild({
  store,
  id,
}: {
  store: Store;
  id: string;
}): Promise<SessionBuild | undefined> {
  return store.get<SessionBuild>(
    `SELECT session_id AS sessionId, logs_id AS logsId, spans_id AS spansId, metrics_id AS metricsId,
         first_ns AS firstNs, last_ns AS lastNs, client_ns AS clientNs FROM session_builds WHERE session_id = @id`,
    { id },
  );
}

export async function saveSessionBuildState({
  store,
  build,
}: {
  store: Store;
  build: SessionBuild;
}): Promise<void> {
  await store.run(
    `INSERT INTO session_builds (session_id, logs_id, spans_id, metrics_id, first_ns, last_ns, client_ns)
       VALUES (@sessionId, @logsId, @spansId, @metricsId, @firstNs, @lastNs, @clientNs)
       ON CONFLICT(session_id) DO UPDATE SET logs_id = excluded.logs_id, spans_id = excluded.spans_id,
         metrics_id = excluded.metrics_id, first_ns = excluded.first_ns, last_ns = excluded.last_ns,
         client_ns = excluded.client_ns`,
    { ...build },
  );
}

/** The session's next build is a full one. */
export async function deleteSessionBuildState({ store, id }: { store: Store; id: string }): Promise<void> {
  await store.run("DELETE FROM session_builds WHERE session_id = @id", { id });
}

export async function saveFailedSessionBuild({ store, key }: { store: Store; key: string }): Promise<void> {
  await store.run("UPDATE dirty_sessions SET marked_at = @failed WHERE session_key = @key", {
    failed: FAILED,
    key,
  });
}

/** Puts failed builds back in line (oldest position: they are retried after the rest). */
export async function resetFailedSessionBuilds({ store }: { store: Store }): Promise<number> {
  return (
    await store.run("UPDATE dirty_sessions SET marked_at = 0 WHERE marked_at = @failed", { failed: FAILED })
  ).changes;
}

export interface DirtyTrace {
  traceId: string;
  markedAt: number;
}

export function listDirtyTraces({ store, limit }: { store: Store; limit: number }): Promise<DirtyTrace[]> {
  return store.all<DirtyTrace>(
    "SELECT trace_id AS traceId, marked_at AS markedAt FROM dirty_traces LIMIT @limit",
    { limit },
  );
}

/** Turns resolved traces into session marks (remembering which traces, for an incremental build) and drops
 * the trace marks, in one transaction. Rows are locked in key order: two replicas resolving the same traces
 * at once then wait for each other instead of deadlocking. */
export async function saveResolvedTraces({
  store,
  traces,
  sessions,
}: {
  store: Store;
  traces: string[];
  sessions: Map<string, { markedAt: number; traceIds: string[] }>;
}): Promise<void> {
  const newest = store.dialect === "sqlite" ? "max" : "greatest";
  await store.transaction(async (tx) => {
    for (const [key, { markedAt, traceIds }] of [...sessions].sort(([x], [y]) => (x < y ? -1 : 1))) {
      await tx.run(
        `INSERT INTO dirty_sessions (session_key, marked_at) VALUES (@key, @markedAt)
         ON CONFLICT(session_key) DO UPDATE SET marked_at = ${newest}(dirty_sessions.marked_at, excluded.marked_at)`,
        { key, markedAt },
      );
      for (const traceId of traceIds)
        await tx.run(
          `INSERT INTO dirty_session_traces (session_key, trace_id) VALUES (@key, @traceId)
           ON CONFLICT DO NOTHING`,
          { key, traceId },
        );
    }
    for (const traceId of [...traces].sort())
      await tx.run("DELETE FROM dirty_traces WHERE trace_id = @traceId", { traceId });
  });
}

/** Session keys with records but neither a build nor an exclusion (doctor): `marked` of them are still marked
 * for the builder; the rest were lost (only a reindex brings them back). */
export async function countUnbuiltSessions({
  store,
}: {
  store: Store;
}): Promise<{ unbuilt: number; marked: number }> {
  const row = await store.get<{ unbuilt: number; marked: number }>(
    `SELECT count(*) AS unbuilt,
         coalesce(sum(CASE WHEN k.session_key IN (SELECT session_key FROM dirty_sessions) THEN 1 ELSE 0 END), 0)
           AS marked
       FROM (SELECT session_key FROM log_records UNION SELECT session_key FROM spans
             UNION SELECT session_key FROM metric_points) k
       WHERE k.session_key IS NOT NULL AND k.session_key NOT IN (SELECT id FROM sessions)
         AND k.session_key NOT IN (SELECT id FROM excluded_sessions)`,
  );
  return row ?? { unbuilt: 0, marked: 0 };
}
