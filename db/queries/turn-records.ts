// A session's records with their stored turn keys (`turn_key`, written by the session builder): all of them
// for a full build, or only those an incremental build needs (new ones by id, a turn's by key, a trace's).
// Membership is the rule of db/queries/records.ts; this module adds the turn-scoped reads and the key writes.
import { statement, type Db } from "../client";
import type { Signal, TelemetryRecord } from "../telemetry";
import {
  BY_OWN_TRACE,
  SESSION_MEMBERSHIP,
  selectColumns,
  TABLES,
  toRecord,
  type RawRow,
  type ResourceCache,
} from "./records";

const SIGNALS = ["logs", "traces", "metrics"] as const;

/** A member record of a session as the builder sees it. */
export interface RecordRow {
  record: TelemetryRecord;
  /** The stored turn key (NULL until the builder wrote one, or when the record names no turn). */
  turnKey: string | null;
  /** Carries the session's key itself (not a member through its trace). */
  keyed: boolean;
  /** A member only as a keyless record of an unclaimed trace that is the session (lib/adapters membership). */
  byOwnTrace: boolean;
}

/** Highest record id per signal. */
export type RecordIds = Record<Signal, number>;

function readRows(db: Db, where: string, params: Record<string, unknown>): RecordRow[] {
  const out: RecordRow[] = [];
  const resources: ResourceCache = new Map();
  for (const signal of SIGNALS) {
    const rows = statement(
      db.$client,
      `SELECT ${BY_OWN_TRACE} AS by_own_trace, x.session_key, x.turn_key, ${selectColumns(signal)} WHERE ${where}`,
    ).all(params) as RawRow[];
    for (const row of rows) {
      out.push({
        record: toRecord(signal, row, resources),
        turnKey: row.turn_key ?? null,
        keyed: row.session_key !== null && row.session_key !== undefined,
        byOwnTrace: Boolean(row.by_own_trace),
      });
    }
  }
  return out;
}

/** Every member record of the session (the full build's read). */
export function listRecordRowsBySession({ db, sessionKey }: { db: Db; sessionKey: string }): RecordRow[] {
  return readRows(db, SESSION_MEMBERSHIP, { key: sessionKey });
}

/** The session's own (keyed) records indexed after `since` (the session index serves the id range). */
export function listKeyedRecordsSince({
  db,
  sessionKey,
  since,
}: {
  db: Db;
  sessionKey: string;
  since: RecordIds;
}): RecordRow[] {
  const out: RecordRow[] = [];
  for (const signal of SIGNALS) {
    const rows = readRowsOf(db, signal, "x.session_key = @key AND x.id > @since", {
      key: sessionKey,
      since: since[signal],
    });
    out.push(...rows);
  }
  return out;
}

function readRowsOf(db: Db, signal: Signal, where: string, params: Record<string, unknown>): RecordRow[] {
  const resources: ResourceCache = new Map();
  const rows = statement(
    db.$client,
    `SELECT x.session_key, x.turn_key, ${selectColumns(signal)} WHERE ${where}`,
  ).all(params) as RawRow[];
  return rows.map((row) => ({
    record: toRecord(signal, row, resources),
    turnKey: row.turn_key ?? null,
    keyed: row.session_key !== null && row.session_key !== undefined,
    byOwnTrace: false,
  }));
}

/** The session's own records whose stored turn key is one of `turnKeys`. */
export function listKeyedRecordsByTurnKeys({
  db,
  sessionKey,
  turnKeys,
}: {
  db: Db;
  sessionKey: string;
  turnKeys: string[];
}): RecordRow[] {
  if (turnKeys.length === 0) return [];
  return SIGNALS.flatMap((signal) =>
    readRowsOf(db, signal, "x.turn_key IN (SELECT value FROM json_each(@keys)) AND x.session_key = @key", {
      key: sessionKey,
      keys: JSON.stringify(turnKeys),
    }),
  );
}

/** Member records of traces the session claims (its own, and keyless ones: a claimed trace's keyless records
 * all belong to it, db/queries/records.ts SESSION_MEMBERSHIP). */
export function listMemberRecordsByTraces({
  db,
  sessionKey,
  traceIds,
}: {
  db: Db;
  sessionKey: string;
  traceIds: string[];
}): RecordRow[] {
  if (traceIds.length === 0) return [];
  return SIGNALS.flatMap((signal) =>
    readRowsOf(
      db,
      signal,
      // `+x.session_key`: read by the trace index only (the session index would scan the whole session).
      `x.trace_id IN (SELECT value FROM json_each(@traces))
       AND (+x.session_key = @key OR (+x.session_key IS NULL
         AND EXISTS (SELECT 1 FROM trace_sessions ts WHERE ts.trace_id = x.trace_id AND ts.session_key = @key)))`,
      { key: sessionKey, traces: JSON.stringify(traceIds) },
    ),
  );
}

/** Whether any keyless record has the session's key as its trace id (generic trace sessions' members). */
export function hasOwnTraceRecords({ db, sessionKey }: { db: Db; sessionKey: string }): boolean {
  return SIGNALS.some(
    (signal) =>
      statement(
        db.$client,
        `SELECT 1 FROM ${TABLES[signal]} WHERE trace_id = ? AND session_key IS NULL LIMIT 1`,
      ).get(sessionKey) !== undefined,
  );
}

/** Stores records' turn keys (only those that differ are passed). */
export function saveRecordTurnKeys({
  db,
  keys,
}: {
  db: Db;
  keys: { signal: Signal; id: number; turnKey: string | null }[];
}): void {
  if (keys.length === 0) return;
  const statements = new Map(
    SIGNALS.map((signal) => [
      signal,
      db.$client.prepare<[string | null, number]>(`UPDATE ${TABLES[signal]} SET turn_key = ? WHERE id = ?`),
    ]),
  );
  for (const { signal, id, turnKey } of keys) statements.get(signal)!.run(turnKey, id);
}
