// The one PUT handler behind /api/turns/{id}/label and /api/sessions/{id}/label (docs/api.md "Labels"): it
// sets the label of the person signed in (docs/team.md "People").
import type { LabelTarget } from "@/db/queries/labels";
import { parseInput, readJson, respond, store } from "@/lib/api/route";
import { getConfig } from "@/lib/config";
import { personOf } from "@/lib/users/current";
import { setLabel } from "./labels";
import { labelBody } from "./schema";

export function labelPutHandler(targetType: LabelTarget) {
  return (request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> =>
    respond(async () => {
      const { id } = await params;
      const change = parseInput(labelBody, await readJson(request));
      const config = getConfig();
      return setLabel({
        store: store(),
        dataDir: config.dataDir,
        user: personOf(request),
        targetType,
        targetId: id,
        change,
      });
    });
}
