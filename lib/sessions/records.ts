// A turn's raw records as GET /api/turns/{id}/records serves them: the index's TelemetryRecords copied
// into the wire shape (lib/shared/views.ts RecordView), so the index's row shape can change without the API.
import { listRecordsByIds } from "@/db/queries/records";
import { getTurnById } from "@/db/queries/sessions";
import type { Store } from "@/db/store";
import type { Signal, TelemetryRecord } from "@/db/telemetry";
import type { RecordView, TurnData, TurnRecords } from "@/lib/shared/views";

export function toRecordView(record: TelemetryRecord): RecordView {
  return {
    signal: record.signal,
    id: record.id,
    resource: record.resource,
    scopeName: record.scopeName,
    name: record.name,
    timeNs: record.timeNs,
    observedTimeNs: record.observedTimeNs,
    endTimeNs: record.endTimeNs,
    traceId: record.traceId,
    spanId: record.spanId,
    parentSpanId: record.parentSpanId,
    attrs: record.attrs,
    body: record.body,
    statusCode: record.statusCode,
    statusMessage: record.statusMessage,
    spanKind: record.spanKind,
    events: record.events,
  };
}

/** The records a turn was built from, per signal; undefined for an unknown turn. */
export async function readTurnRecords(store: Store, turnId: string): Promise<TurnRecords | undefined> {
  const turn = await getTurnById({ store, id: turnId });
  if (!turn) return undefined;
  const { record_ids: ids } = JSON.parse(turn.data) as TurnData;
  const read = async (signal: Signal): Promise<RecordView[]> =>
    (await listRecordsByIds({ store, signal, ids: ids[signal] })).map(toRecordView);
  return { logs: await read("logs"), traces: await read("traces"), metrics: await read("metrics") };
}
