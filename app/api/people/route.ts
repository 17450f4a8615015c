// GET /api/people: who the API acts for (`me`) and everyone with a login or a label (docs/api.md "People").
import { respond, store } from "@/lib/api/route";
import { getConfig } from "@/lib/config";
import { readPeople } from "@/lib/users/people";
import { personOf } from "@/lib/users/current";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return respond(() => readPeople(store(), getConfig().dataDir, personOf(request)));
}
