// GET /api/reasons: the reason vocabulary in key order; PUT /api/reasons {"reasons": [...]}: replace it
// (docs/api.md "Reasons"). Stored in <data>/reasons.jsonl by lib/reasons/store.
import { parseInput, readJson, respond } from "@/lib/api/route";
import { getConfig } from "@/lib/config";
import { reasonsBody } from "@/lib/reasons/schema";
import { readReasons, saveReasons } from "@/lib/reasons/store";
import { personOf } from "@/lib/users/current";

export const dynamic = "force-dynamic";

export function GET(): Promise<Response> {
  return respond(() => ({ reasons: readReasons(getConfig().dataDir) }));
}

export function PUT(request: Request): Promise<Response> {
  return respond(async () => {
    const body = parseInput(reasonsBody, await readJson(request));
    const config = getConfig();
    return { reasons: saveReasons(config.dataDir, personOf(request), body.reasons) };
  });
}
