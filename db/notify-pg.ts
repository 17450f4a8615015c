// PostgreSQL's LISTEN/NOTIFY for the replicas of one team: a notification sent on one replica's connection
// reaches every replica listening on the channel, after the sender's transaction commits. The listener holds its
// own connection (a pooled one would be handed to other queries) and reconnects when it drops.
import pg from "pg";
import type { Store } from "./store";

/** Postgres refuses payloads of 8,000 bytes or more. */
export const MAX_NOTIFY_BYTES = 7_900;

/** Sends `payload` to every listener of `channel` (delivered when the surrounding transaction, if any, commits). */
export async function notifyPg({
  store,
  channel,
  payload,
}: {
  store: Store;
  channel: string;
  payload: string;
}): Promise<void> {
  await store.run("SELECT pg_notify(@channel, @payload)", { channel, payload });
}

export interface PgListener {
  close: () => Promise<void>;
}

/** The listener connections' application_name. */
export const LISTENER_NAME = "tracemark listener";

/** How long a dropped listener waits before it connects again. */
const RECONNECT_MS = 1_000;

/**
 * Listens on `channel` until closed. `onMessage` gets each payload; `onConnect` runs after each (re)connect, so the
 * caller can catch up on what a gap may have missed. Resolves once the first LISTEN is in place.
 */
export async function listenPg({
  url,
  channel,
  onMessage,
  sharedLock,
  onConnect = () => undefined,
  onError = () => undefined,
}: {
  url: string;
  channel: string;
  /** An advisory lock this connection holds shared while it lives (db/replicas-pg.ts: "a replica runs"); taking
   * it waits while someone holds it exclusively. */
  sharedLock?: number;
  onMessage: (payload: string) => void;
  onConnect?: () => void;
  onError?: (error: Error) => void;
}): Promise<PgListener> {
  let closed = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    // named, so an operator (and a test) can tell a replica's listener in pg_stat_activity
    const next = new pg.Client({ connectionString: url, application_name: LISTENER_NAME });
    const dropped = (error?: Error): void => {
      if (error) onError(error);
      if (client !== next || closed) return;
      client = undefined;
      void next.end().catch(() => undefined);
      retry = setTimeout(() => void connect().catch(dropped), RECONNECT_MS);
    };
    next.on("error", dropped);
    next.on("end", () => dropped());
    next.on("notification", (message) => {
      if (message.channel === channel && message.payload !== undefined) onMessage(message.payload);
    });
    client = next;
    await next.connect();
    await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    if (sharedLock !== undefined) await next.query("SELECT pg_advisory_lock_shared($1)", [sharedLock]);
    onConnect();
  };

  try {
    await connect();
  } catch (error) {
    closed = true;
    await client?.end().catch(() => undefined);
    throw error;
  }
  return {
    close: async () => {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}
