// An incremental build: from a session's stored build (session_builds) and the records indexed since, read
// only the turns those records touch, re-derive them by the client's own rules and store only their rows and
// the session row, continuing the running totals of the last turn kept. It equals a full build because a
// turn of a turnKeyOf client depends only on the records of its key and of the traces they share: the region
// read here is closed under both (docs/ARCHITECTURE.md "Group"). Whatever it cannot decide exactly comes back
// as a reason, and the caller builds in full.
import { getSessionBuild, listDirtySessionTraces, saveSessionBuildState } from "@/db/queries/rebuild-queue";
import {
  getStoredSession,
  getTurnPlaceByIndex,
  listTurnPlacesByIds,
  saveSessionTurns,
  type StoredSession,
  type StoredTurnPlace,
} from "@/db/queries/session-builds";
import type { SessionBuild } from "@/db/schema";
import type { Store } from "@/db/store";
import {
  hasOwnTraceRecords,
  listKeyedRecordsByTurnKeys,
  listKeyedRecordsSince,
  listMemberRecordsByTraces,
  saveRecordTurnKeys,
  type RecordIds,
  type RecordRow,
} from "@/db/queries/turn-records";
import { nsToMs, type TelemetryRecord } from "@/db/telemetry";
import { CLIENT_ADAPTERS, compareNs, continueWith, deriveTurns, sliceRegion } from "@/lib/adapters";
import type { TurnSlice } from "@/lib/adapters/adapter";
import { sessionRowOf, turnIdOf, turnRowsOf } from "./store";
import { NO_TOTALS, runningTotals, titleOf, type SessionTotals } from "./totals";

/** Past these, re-deriving "only what changed" is most of the session anyway (e.g. one trace for a whole
 * session): the full build is as cheap and simpler to trust. The turn limit grows with the session (half of
 * its turns): a fixed 64 made a 10,000-turn session that fell 64 turns behind (one slow commit) build in full
 * for seconds, which the builder's throttle answers with ten times that pause, and it never caught up. */
const MAX_REGION_RECORDS = 20_000;
const MIN_REGION_TURNS = 64;
const maxRegionTurns = (storedTurns: number): number => Math.max(MIN_REGION_TURNS, storedTurns / 2);

export type IncrementalPlan =
  { kind: "plan"; turns: number; save: () => Promise<void> } | { kind: "full"; reason: string };

const full = (reason: string): IncrementalPlan => ({ kind: "full", reason });

type TurnKeyOf = (record: TelemetryRecord) => string | null;

interface Region {
  rows: RecordRow[];
  keys: Set<string>;
  /** Turn keys to store on records (new ones, or ones stored differently). */
  writes: { signal: TelemetryRecord["signal"]; id: number; turnKey: string | null }[];
}

/**
 * The new records, every record of a turn key they name and every member record of a trace they are in,
 * repeated until nothing is added: each turn the region names is then complete, and so is each trace.
 */
async function collectRegion(
  store: Store,
  sessionKey: string,
  turnKeyOf: TurnKeyOf,
  since: RecordIds,
  traces: string[],
  maxTurns: number,
): Promise<Region | { fallback: string }> {
  const region: Region = { rows: [], keys: new Set(), writes: [] };
  const seen = new Set<string>();
  const traceSet = new Set(traces);
  const keyQueue: string[] = [];
  const traceQueue = [...traces];
  const add = (rows: RecordRow[]): string | null => {
    for (const row of rows) {
      const { record } = row;
      const id = `${record.signal}:${record.id}`;
      if (seen.has(id)) continue;
      seen.add(id);
      region.rows.push(row);
      const key = turnKeyOf(record);
      if (!row.keyed && key !== null) return "a keyless record names a turn";
      if (row.keyed && row.turnKey !== key) {
        if (record.id <= since[record.signal]) return "a stored turn key is out of date";
        region.writes.push({ signal: record.signal, id: record.id, turnKey: key });
      }
      if (key !== null && !region.keys.has(key)) {
        region.keys.add(key);
        keyQueue.push(key);
      }
      if (record.traceId && !traceSet.has(record.traceId)) {
        traceSet.add(record.traceId);
        traceQueue.push(record.traceId);
      }
    }
    if (seen.size > MAX_REGION_RECORDS || region.keys.size > maxTurns)
      return "the new records touch too much of the session";
    return null;
  };
  let problem = add(await listKeyedRecordsSince({ store, sessionKey, since }));
  while (problem === null && (keyQueue.length > 0 || traceQueue.length > 0)) {
    const turnKeys = keyQueue.splice(0);
    const traceIds = traceQueue.splice(0);
    problem =
      add(await listKeyedRecordsByTurnKeys({ store, sessionKey, turnKeys })) ??
      add(await listMemberRecordsByTraces({ store, sessionKey, traceIds }));
  }
  return problem === null ? region : { fallback: problem };
}

const compareTurn = (a: { promptNs: string; key: string }, b: { promptNs: string; key: string }): number =>
  compareNs(a.promptNs, b.promptNs) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

const minOf = (a: number | null, b: number | null): number | null =>
  a === null ? b : b === null ? a : Math.min(a, b);
const maxOf = (a: number | null, b: number | null): number | null =>
  a === null ? b : b === null ? a : Math.max(a, b);

const totalsOf = (place: StoredTurnPlace): SessionTotals => JSON.parse(place.totals!) as SessionTotals;

/** Where the re-derived turns go: after the first `kept` stored turns, which stay as they are. */
interface Placement {
  kept: number;
  /** The session's totals through the last kept turn, and whether it had logged answers before. */
  prefix: SessionTotals;
  answeredBefore: boolean;
}

/**
 * The stored turns the region re-derives must be the last ones, none may disappear, and the new order must
 * keep them after the others: then the kept turns' indices, rows and totals are what a full build gives.
 */
async function placeTurns(
  store: Store,
  sessionKey: string,
  stored: StoredSession,
  ids: string[],
  slices: readonly TurnSlice[],
): Promise<Placement | { fallback: string }> {
  const places = await listTurnPlacesByIds({ store, sessionId: sessionKey, ids });
  const kept = stored.turnCount - places.length;
  const sliceKeys = new Set(slices.map((slice) => slice.key));
  if (places.some((place) => place.index < kept)) return { fallback: "an earlier turn changed" };
  if (places.some((place) => !sliceKeys.has(place.key))) return { fallback: "a stored turn would disappear" };
  const previous =
    kept > 0 ? await getTurnPlaceByIndex({ store, sessionId: sessionKey, index: kept - 1 }) : undefined;
  const last = await getTurnPlaceByIndex({ store, sessionId: sessionKey, index: stored.turnCount - 1 });
  if (!last?.totals || (kept > 0 && (!previous?.promptNs || !previous.totals)))
    return { fallback: "a stored turn lacks its place (built before incremental builds)" };
  if (
    previous &&
    slices[0] &&
    compareTurn(slices[0], { key: previous.key, promptNs: previous.promptNs! }) <= 0
  )
    return { fallback: "a turn arrived out of order" };
  const prefix = previous ? totalsOf(previous) : NO_TOTALS;
  return { kept, prefix, answeredBefore: totalsOf(last).answers > 0 };
}

/** What the region reads and where its turns go, or why the session must be built in full. */
async function readRegion(store: Store, sessionKey: string, state: SessionBuild, stored: StoredSession) {
  const adapter = CLIENT_ADAPTERS.find((candidate) => candidate.id === stored.client);
  if (!adapter?.turnKeyOf) return { fallback: "the client's turns depend on the whole session" };
  if (await hasOwnTraceRecords({ store, sessionKey }))
    return { fallback: "records join by the session's own trace" };
  const since: RecordIds = { logs: state.logsId, traces: state.spansId, metrics: state.metricsId };
  const traces = await listDirtySessionTraces({ store, key: sessionKey });
  const limit = maxRegionTurns(stored.turnCount);
  const region = await collectRegion(store, sessionKey, adapter.turnKeyOf, since, traces, limit);
  if ("fallback" in region) return region;
  const records = region.rows.map((row) => row.record);
  const continued = continueWith(adapter, stored, state, records);
  if ("fallback" in continued) return continued;
  const sliced = sliceRegion(adapter, sessionKey, records);
  if ("fallback" in sliced) return sliced;
  const { slices } = sliced;
  if (slices.some((slice) => !region.keys.has(slice.key))) return { fallback: "a turn outside the region" };
  const ids = [...region.keys].map((key) => turnIdOf(adapter.id, sessionKey, key));
  const placement = await placeTurns(store, sessionKey, stored, ids, slices);
  if ("fallback" in placement) return placement;
  return { adapter, since, region, continued, slices, placement };
}

/** Plans an incremental build of one session; `save` stores it (call in the transaction that unmarks it). */
export async function planIncrementalBuild(store: Store, sessionKey: string): Promise<IncrementalPlan> {
  const state = await getSessionBuild({ store, id: sessionKey });
  const stored = state && (await getStoredSession({ store, id: sessionKey }));
  if (!state || !stored) return full("no stored build to continue");
  const read = await readRegion(store, sessionKey, state, stored);
  if ("fallback" in read) return full(read.fallback);
  const { adapter, since, region, continued, slices, placement } = read;
  const { kept, prefix, answeredBefore } = placement;
  let answered = answeredBefore;
  const turns = deriveTurns(adapter, slices, kept, (derived) => {
    answered = prefix.answers > 0 || derived.some((turn) => turn.response !== null);
    return answered;
  });
  if (answered !== answeredBefore) return full("whether answers are logged changed for the session");
  const totals = runningTotals(turns, prefix);
  const final = totals[totals.length - 1] ?? prefix;
  const session = sessionRowOf(
    {
      id: sessionKey,
      client: adapter.id,
      client_version: stored.clientVersion,
      service_name: stored.serviceName,
      started_at: minOf(nsToMs(continued.firstNs), final.startedAt),
      ended_at: maxOf(nsToMs(continued.lastNs), final.endedAt),
    },
    final,
    prefix.titled ? stored.title : titleOf(turns),
  );
  const prompts = new Map(slices.map((slice) => [slice.key, slice.promptNs]));
  const rows = turnRowsOf({ id: sessionKey, client: adapter.id }, turns, totals, prompts);
  const covered = { ...since };
  for (const { record, keyed } of region.rows)
    if (keyed) covered[record.signal] = Math.max(covered[record.signal], record.id);
  const build = {
    sessionId: sessionKey,
    logsId: covered.logs,
    spansId: covered.traces,
    metricsId: covered.metrics,
  };
  return {
    kind: "plan",
    turns: turns.length,
    save: async () => {
      await saveRecordTurnKeys({ store, keys: region.writes });
      await saveSessionTurns({ store, session, ...rows });
      await saveSessionBuildState({ store, build: { ...build, ...continued } });
    },
  };
}
