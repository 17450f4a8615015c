// GET /api/clients: per client, when data last arrived and how many sessions it has (docs/api.md).
import { respond, store } from "@/lib/api/route";
import { listClientActivity } from "@/lib/connect/activity";

export const dynamic = "force-dynamic";

export function GET(): Promise<Response> {
  return respond(async () => ({ clients: await listClientActivity(store()) }));
}
