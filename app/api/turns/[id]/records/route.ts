// GET /api/turns/{turnId}/records: the raw indexed records a turn was built from, per signal.
import { respond, store } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { readTurnRecords } from "@/lib/sessions/records";

export const dynamic = "force-dynamic";

export function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const { id } = await params;
    const records = await readTurnRecords(store(), id);
    if (!records) throw new AppError("not-found", `no turn ${id}`);
    return records;
  });
}
