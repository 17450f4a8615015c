// A session's records with their stored turn keys (`turn_key`, written by the session builder): all of them
// for a full build, or only those an incremental build needs (new ones by id, a turn's by key, a trace's).
// Membership is the rule of db/queries/records.ts; this module adds the turn-scoped reads and the key writes.
import { fragmentsOf } from "../dialect";
import type { Store } from "../store";
import type { Signal, TelemetryRecord } from "../telemetry";
import {
  byOwnTrace,
  sessionMembership,
  selectColumns,
  TABLES,
  toRecord,
  type RawRow,
  type ResourceCache,
  unindexed,
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

const toRecordRow = (signal: Signal, row: RawRow, resources: ResourceCache): RecordRow => ({
  record: toRecord(signal, row, resources),
  turnKey: row.turn_key ?? null,
  keyed: row.session_key !== null && row.session_key !== undefined,
  byOwnTrace: Boolean(row.by_own_trace),
});

/** Every member record of the session (the full build's read). */
export async function listRecordRowsBySession({
  store,
  sessionKey,
}: {
  store: Store;
  sessionKey: string;
}): Promise<RecordRow[]> {
  const out: RecordRow[] = [];
  const resources: ResourceCache = new Map();
  for (const signal of SIGNALS) {
    const rows = await store.all<RawRow>(
      `SELECT ${byOwnTrace(store.dialect)} AS by_own_trace, x.session_key, x.turn_key, ${selectColumns(signal)}
         WHERE ${sessionMembership(store.dialect)}`,
      { key: sessionKey },
    );
    for (const row of rows) out.push(toRecordRow(signal, row, resources));
  }
  return out;
}

async function readRowsOf(
  store: Store,
  signal: Signal,
  where: string,
  params: Record<string, unknown>,
): Promise<RecordRow[]> {
  const resources: ResourceCache = new Map();
  const rows = await store.all<RawRow>(
    `SELECT x.session_key, x.turn_key, ${selectColumns(signal)} WHERE ${where}`,
    params,
  );
  return rows.map((row) => toRecordRow(signal, row, resources));
}

async function readRowsOfEachSignal(
  store: Store,
  where: string,
  params: Record<string, unknown>,
): Promise<RecordRow[]> {
  const out: RecordRow[] = [];
  for (const signal of SIGNALS) out.push(...(await readRowsOf(store, signal, where, params)));
  return out;
}

/** The session's own (keyed) records indexed after `since` (the session index serves the id range). */
export async function listKeyedRecordsSince({
  store,
  sessionKey,
  since,
}: {
  store: Store;
  sessionKey: string;
  since: RecordIds;
}): Promise<RecordRow[]> {
  const out: RecordRow[] = [];
  for (const signal of SIGNALS) {
    const params = { key: sessionKey, since: since[signal] };
    out.push(...(await readRowsOf(store, signal, "x.session_key = @key AND x.id > @since", params)));
  }
  return out;
}

/** The session's own records whose stored turn key is one of `turnKeys`. */
export async function listKeyedRecordsByTurnKeys({
  store,
  sessionKey,
  turnKeys,
}: {
  store: Store;
  sessionKey: string;
  turnKeys: string[];
}): Promise<RecordRow[]> {
  if (turnKeys.length === 0) return [];
  return readRowsOfEachSignal(
    store,
    `x.turn_key IN (${fragmentsOf(store.dialect).jsonValues("@keys")}) AND x.session_key = @key`,
    { key: sessionKey, keys: JSON.stringify(turnKeys) },
  );
}

/** Member records of traces the session claims (its own, and keyless ones: a claimed trace's keyless records
 * all belong to it, db/queries/records.ts sessionMembership). */
export async function listMemberRecordsByTraces({
  store,
  sessionKey,
  traceIds,
}: {
  store: Store;
  sessionKey: string;
  traceIds: string[];
}): Promise<RecordRow[]> {
  if (traceIds.length === 0) return [];
  // `+x.session_key` (unindexed): read by the trace index only (the session index would scan the whole session).
  const sessionKeyColumn = unindexed(store.dialect, "x.session_key");
  return readRowsOfEachSignal(
    store,
    `x.trace_id IN (${fragmentsOf(store.dialect).jsonValues("@traces")})
       AND (${sessionKeyColumn} = @key OR (${sessionKeyColumn} IS NULL
         AND EXISTS (SELECT 1 FROM trace_sessions ts WHERE ts.trace_id = x.trace_id AND ts.session_key = @key)))`,
    { key: sessionKey, traces: JSON.stringify(traceIds) },
  );
}

/** Whether any keyless record has the session's key as its trace id (generic trace sessions' members). */
export async function hasOwnTraceRecords({
  store,
  sessionKey,
}: {
  store: Store;
  sessionKey: string;
}): Promise<boolean> {
  for (const signal of SIGNALS) {
    const row = await store.get(
      `SELECT 1 AS found FROM ${TABLES[signal]} WHERE trace_id = @key AND session_key IS NULL LIMIT 1`,
      { key: sessionKey },
    );
    if (row !== undefined) return true;
  }
  return false;
}

/** Stores records' turn keys (only those that differ are passed). */
export async function saveRecordTurnKeys({
  store,
  keys,
}: {
  store: Store;
  keys: { signal: Signal; id: number; turnKey: string | null }[];
}): Promise<void> {
  for (const { signal, id, turnKey } of keys)
    await store.run(`UPDATE ${TABLES[signal]} SET turn_key = @turnKey WHERE id = @id`, { turnKey, id });
}
