// GET /api/sessions/{id}: the session and every turn with its fields (docs/api.md).
import { db, respond } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { readSessionDetail } from "@/lib/sessions/read";
import { viewerOf } from "@/lib/users/current";

export const dynamic = "force-dynamic";

export function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const { id } = await params;
    const detail = readSessionDetail(db(), id, viewerOf(request));
    if (!detail) throw new AppError("not-found", `no session ${id}`);
    return detail;
  });
}
