// Which clients have sent data and when: "last data 2 min ago, 14 sessions" per client on the Connect page.
import { listResourceActivity } from "@/db/queries/activity";
import { listSessionCountsByClient } from "@/db/queries/sessions";
import type { Store } from "@/db/store";
import type { Attrs } from "@/db/telemetry";
import { clientOf, isMetricsOnlyClient } from "@/lib/adapters";
import { transcriptClientOf } from "@/lib/adapters/transcript";
import { iso } from "@/lib/sessions/read";

export interface ClientActivity {
  client: string;
  last_seen_at: string | null;
  sessions: number;
  /** The client sends metrics only: it never has sessions (its usage is in the Overview). */
  metrics_only: boolean;
  /** Transcript files read for this client (one per session for every client that writes them). */
  transcript_sessions: number;
}

export async function listClientActivity(store: Store): Promise<ClientActivity[]> {
  const lastSeen = new Map<string, number>();
  const transcriptFiles = new Map<string, number>();
  for (const resource of await listResourceActivity({ store })) {
    const attrs = JSON.parse(resource.attributes) as Attrs;
    const client = clientOf(attrs);
    lastSeen.set(client, Math.max(lastSeen.get(client) ?? 0, resource.lastSeenAt ?? 0));
    // a transcript resource names one file
    if (transcriptClientOf(attrs) !== null)
      transcriptFiles.set(client, (transcriptFiles.get(client) ?? 0) + 1);
  }
  const sessions = await listSessionCountsByClient({ store });
  const clients = new Set([...lastSeen.keys(), ...sessions.keys()]);
  return [...clients].sort().map((client) => ({
    client,
    last_seen_at: iso(lastSeen.get(client) || null),
    sessions: sessions.get(client) ?? 0,
    metrics_only: isMetricsOnlyClient(client),
    transcript_sessions: transcriptFiles.get(client) ?? 0,
  }));
}
