// A turn's raw records as GET /api/turns/{id}/records serves them: the index's TelemetryRecords copied
// into the wire shape (lib/shared/views.ts RecordView), so the index's row shape can change without the API.
import type { Db } from "@/db/client";
import { listRecordsByIds } from "@/db/queries/records";
import { getTurnById } from "@/db/queries/sessions";
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
export function readTurnRecords(db: Db, turnId: string): TurnRecords | undefined {
  const turn = getTurnById({ db, id: turnId });
  if (!turn) return undefined;
  const { record_ids: ids } = JSON.parse(turn.data) as TurnData;
  const read = (signal: Signal): RecordView[] =>
    listRecordsByIds({ db, signal, ids: ids[signal] }).map(toRecordView);
  return { logs: read("logs"), traces: read("traces"), metrics: read("metrics") };
}
