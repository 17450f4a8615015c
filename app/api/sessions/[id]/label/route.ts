// PUT /api/sessions/{id}/label: set a whole session's label and/or note (docs/api.md).
import { db, parseInput, readJson, respond } from "@/lib/api/route";
import { getConfig } from "@/lib/config";
import { setLabel } from "@/lib/labels/labels";
import { labelBody } from "@/lib/labels/schema";

export const dynamic = "force-dynamic";

export function PUT(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const { id } = await params;
    const change = parseInput(labelBody, await readJson(request));
    const config = getConfig();
    return setLabel({ db: db(), dataDir: config.dataDir, user: config.userName, targetType: "session", targetId: id, change });
  });
}
