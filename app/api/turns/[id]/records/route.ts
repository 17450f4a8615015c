// GET /api/turns/{turnId}/records: the raw indexed records a turn was built from, per signal.
import { listRecordsByIds } from "@/db/queries/records";
import { getTurnById } from "@/db/queries/sessions";
import { db, respond } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import type { TurnData } from "@/lib/sessions/types";

export const dynamic = "force-dynamic";

export function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const { id } = await params;
    const turn = getTurnById({ db: db(), id });
    if (!turn) throw new AppError("not-found", `no turn ${id}`);
    const { record_ids: ids } = JSON.parse(turn.data) as TurnData;
    return {
      logs: listRecordsByIds({ db: db(), signal: "logs", ids: ids.logs }),
      traces: listRecordsByIds({ db: db(), signal: "traces", ids: ids.traces }),
      metrics: listRecordsByIds({ db: db(), signal: "metrics", ids: ids.metrics }),
    };
  });
}
