// Which tracemark replicas run on one PostgreSQL, for what must not run beside them (`npm run reindex` empties
// the index they write). Each replica's live-update listener (lib/events-relay.ts) holds REPLICAS_LOCK shared on
// its own connection for as long as the replica runs, so the lock goes with a replica that dies; reindex takes
// it exclusively, which a running replica prevents and which a replica starting meanwhile waits for.
import pg from "pg";

/** The advisory lock key ("a replica runs"); db/queries/ingest-pg.ts's batch lock is 74_172_018. */
export const REPLICAS_LOCK = 74_172_019;

export type ReplicasLockOut = { release: () => Promise<void> } | { running: number };

/** Takes REPLICAS_LOCK exclusively on a connection of its own, held until `release`; or, when replicas hold
 * it, how many do. */
export async function lockOutReplicas(url: string): Promise<ReplicasLockOut> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => undefined); // a lost connection loses the lock; the caller's next query fails
  await client.connect();
  try {
    const taken = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [
      REPLICAS_LOCK,
    ]);
    if (taken.rows[0]!.ok) return { release: () => client.end() };
    const holders = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_locks
        WHERE locktype = 'advisory' AND mode = 'ShareLock' AND granted AND objid = $1 AND database = (
          SELECT oid FROM pg_database WHERE datname = current_database())`,
      [REPLICAS_LOCK],
    );
    await client.end();
    return { running: Number(holders.rows[0]!.n) };
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
}
