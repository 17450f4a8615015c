// When each resource (one agent process, or one transcript file) last sent data: the Connect page's
// "last data 2 min ago" per client, on either engine.
import type { Store } from "../store";

export interface ResourceActivity {
  /** The resource's attributes as stored (JSON text). */
  attributes: string;
  lastSeenAt: number | null;
}

export function listResourceActivity({ store }: { store: Store }): Promise<ResourceActivity[]> {
  return store.all("SELECT attributes, last_seen_at AS lastSeenAt FROM resources");
}
