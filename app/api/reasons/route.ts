// GET /api/reasons: the reason vocabulary in key order; PUT /api/reasons {"reasons": [...]}: replace it
// (docs/api.md "Reasons"). Stored in <data>/reasons.jsonl, or in team mode in the database (lib/journals).
import { parseInput, readJson, respond } from "@/lib/api/route";
import { getConfig } from "@/lib/config";
import { reasonsBody } from "@/lib/reasons/schema";
import { journalsOf } from "@/lib/journals/journals";
import { personOf } from "@/lib/users/current";

export const dynamic = "force-dynamic";

export function GET(): Promise<Response> {
  return respond(() => ({ reasons: journalsOf(getConfig().dataDir).reasons.current() }));
}

export function PUT(request: Request): Promise<Response> {
  return respond(async () => {
    const body = parseInput(reasonsBody, await readJson(request));
    const config = getConfig();
    const reasons = journalsOf(config.dataDir).reasons;
    return { reasons: await reasons.save(personOf(request), body.reasons) };
  });
}
