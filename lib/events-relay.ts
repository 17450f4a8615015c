// Live updates across replicas (team mode): what one replica publishes (sessions it built, labels set through it)
// reaches the open tabs of every replica through PostgreSQL's NOTIFY on one channel. On one machine it never runs.
import { randomUUID } from "node:crypto";
import { listenPg, MAX_NOTIFY_BYTES, notifyPg } from "@/db/notify-pg";
import { REPLICAS_LOCK } from "@/db/replicas-pg";
import type { Store } from "@/db/store";
import { deliver, setRelay, type ChangeEvent } from "./events";

const CHANNEL = "tracemark_events";

interface Envelope {
  /** The replica that published it: its own notifications come back to it and are dropped. */
  origin: string;
  event: ChangeEvent;
}

const bytes = (text: string): number => Buffer.byteLength(text, "utf8");

/**
 * The notifications that carry `event`, each under Postgres' payload limit: a sessions event split by ids, and a
 * label event too large (a long note or correction) sent as a refetch of its session, which shows the label.
 */
export function toPayloads(origin: string, event: ChangeEvent): string[] {
  const whole = JSON.stringify({ origin, event } satisfies Envelope);
  if (bytes(whole) <= MAX_NOTIFY_BYTES) return [whole];
  const ids = event.type === "sessions" ? event.ids : [event.sessionId];
  const payloads: string[] = [];
  let chunk: string[] = [];
  const flush = (): void => {
    if (chunk.length > 0)
      payloads.push(JSON.stringify({ origin, event: { type: "sessions", ids: chunk } } satisfies Envelope));
    chunk = [];
  };
  // ids are short (hex, uuids), so a few hundred fit; the margin leaves room for the envelope
  let size = 0;
  for (const id of ids) {
    if (size + bytes(id) + 3 > MAX_NOTIFY_BYTES - 200) {
      flush();
      size = 0;
    }
    chunk.push(id);
    size += bytes(id) + 3;
  }
  flush();
  return payloads;
}

function parseEnvelope(payload: string): Envelope | null {
  try {
    const parsed = JSON.parse(payload) as Partial<Envelope>;
    return typeof parsed.origin === "string" && parsed.event && typeof parsed.event.type === "string"
      ? (parsed as Envelope)
      : null;
  } catch {
    return null;
  }
}

export interface EventRelay {
  stop: () => Promise<void>;
}

/** Relays this replica's events to the others and theirs to this one's tabs, until stopped. */
export async function startEventRelay({ url, store }: { url: string; store: Store }): Promise<EventRelay> {
  const origin = randomUUID();
  let warned = false;
  const warn = (what: string, error: Error): void => {
    if (warned) return;
    warned = true; // once: a database that is down says so in every request's error already
    console.warn(`tracemark: live updates between replicas: ${what}: ${error.message}`);
  };
  const listener = await listenPg({
    url,
    channel: CHANNEL,
    sharedLock: REPLICAS_LOCK, // this replica runs: reindex waits for it to stop (db/replicas-pg.ts)
    onMessage: (payload) => {
      const envelope = parseEnvelope(payload);
      if (envelope && envelope.origin !== origin) deliver(envelope.event);
    },
    onConnect: () => (warned = false),
    onError: (error) => warn("listening failed, reconnecting", error),
  });
  setRelay((event) => {
    for (const payload of toPayloads(origin, event))
      notifyPg({ store, channel: CHANNEL, payload }).catch((error: Error) => warn("notify failed", error));
  });
  return {
    stop: async () => {
      setRelay(undefined);
      await listener.close();
    },
  };
}
