// Which sessions a record belongs to: the one rule the indexer (a record's session key, the traces keyed
// records claim), the session builder (which sessions a keyless trace touches) and reads (a session's
// records, db/queries/records.ts, which receives `traceIsSession`) all apply.
import type { Attrs, TelemetryRecord } from "@/db/telemetry";
import { adapterOf, sessionKeyOf } from "./registry";

export interface MemberRecord {
  /** sessionKeyOf(record): stored on every indexed record. */
  sessionKey: string | null;
  traceId: string | null;
  resource: Attrs;
}

/** Whether a keyless record nobody claims forms a session of its own trace: generic clients, which have no
 * session id at all. */
export function traceIsSession(resource: Attrs): boolean {
  return adapterOf(resource).traceIsSession === true;
}

/**
 * A record's sessions: its own session key; else every session with a keyed record of the same trace (the
 * index keeps these in `trace_sessions`); else, when its client's sessions have no id, its trace id.
 */
export function sessionsOfRecord(
  record: MemberRecord,
  sessionsOfTrace: (traceId: string) => Iterable<string> | undefined,
): string[] {
  if (record.sessionKey) return [record.sessionKey];
  if (!record.traceId) return [];
  const claimed = [...(sessionsOfTrace(record.traceId) ?? [])];
  if (claimed.length > 0) return claimed;
  return traceIsSession(record.resource) ? [record.traceId] : [];
}

/**
 * The rule over a set of records held in memory (tests, golden replays): sessions in order of first
 * appearance, records in input order.
 */
export function groupRecordsBySession(records: readonly TelemetryRecord[]): Map<string, TelemetryRecord[]> {
  const members = records.map((record) => ({
    sessionKey: sessionKeyOf(record.attrs, record.resource),
    traceId: record.traceId,
    resource: record.resource,
  }));
  const traceSessions = new Map<string, Set<string>>();
  for (const { sessionKey, traceId } of members) {
    if (!sessionKey || !traceId) continue;
    traceSessions.set(traceId, (traceSessions.get(traceId) ?? new Set<string>()).add(sessionKey));
  }
  const groups = new Map<string, TelemetryRecord[]>();
  records.forEach((record, i) => {
    for (const session of sessionsOfRecord(members[i]!, (traceId) => traceSessions.get(traceId))) {
      const group = groups.get(session);
      if (group) group.push(record);
      else groups.set(session, [record]);
    }
  });
  return groups;
}
