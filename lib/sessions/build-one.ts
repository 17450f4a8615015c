// Builds one session and clears its mark in the same transaction: incrementally from its stored build when
// lib/sessions/incremental.ts can (the records since touch only its last turns), else in full from all its
// records. Either way the stored rows are the same (a session is a pure function of its records).
import {
  deleteDirtySession,
  deleteSessionBuildState,
  saveSessionBuildState,
} from "@/db/queries/rebuild-queue";
import { listRecordRowsBySession, saveRecordTurnKeys, type RecordRow } from "@/db/queries/turn-records";
import type { Store } from "@/db/store";
import type { TelemetryRecord } from "@/db/telemetry";
import { buildSessionWithFacts, traceIsSession, type BuildFacts } from "@/lib/adapters";
import { planIncrementalBuild } from "./incremental";
import { saveBuildResult } from "./store";

export interface BuildOutcome {
  /** A session (not an exclusion, not nothing) was stored. */
  built: boolean;
  path: "incremental" | "full";
  /** Turns derived by this build. */
  turns: number;
  /** Why the build was a full one (absent for incremental builds). */
  reason?: string;
}

/** Builds the session in one transaction (a savepoint inside the builder's group) from reading its build
 * state to storing and unmarking it: what it read is what it continued. */
export function buildSessionByKey(store: Store, key: string): Promise<BuildOutcome> {
  return store.transaction(async (tx) => {
    const plan = await planIncrementalBuild(tx, key);
    if (plan.kind === "full") return buildInFull(tx, key, plan.reason);
    await plan.save();
    await deleteDirtySession({ store: tx, key });
    return { built: true, path: "incremental", turns: plan.turns };
  });
}

async function buildInFull(tx: Store, key: string, reason: string): Promise<BuildOutcome> {
  const rows = (await listRecordRowsBySession({ store: tx, sessionKey: key })).filter(
    (row) => !row.byOwnTrace || traceIsSession(row.record.resource),
  );
  const keyed = new Set(rows.filter((row) => row.keyed).map((row) => row.record));
  const records = rows.map((row) => row.record);
  const { result, facts } =
    records.length > 0
      ? buildSessionWithFacts(key, records, (record) => keyed.has(record))
      : { result: null, facts: null };
  if (result) await saveBuildResult(tx, result, facts?.promptNs);
  if (facts && facts.continuation && !rows.some((row) => row.byOwnTrace))
    await saveContinuation(tx, key, rows, facts);
  else await deleteSessionBuildState({ store: tx, id: key });
  await deleteDirtySession({ store: tx, key });
  const turns = result?.kind === "session" ? result.session.turns.length : 0;
  return { built: result?.kind === "session", path: "full", turns, reason };
}

/** What the next incremental build starts from: the records' turn keys and the ids this build covered. */
async function saveContinuation(tx: Store, key: string, rows: RecordRow[], facts: BuildFacts): Promise<void> {
  const turnKeyOf = facts.adapter!.turnKeyOf!;
  const covered: Record<TelemetryRecord["signal"], number> = { logs: 0, traces: 0, metrics: 0 };
  const writes: { signal: TelemetryRecord["signal"]; id: number; turnKey: string | null }[] = [];
  for (const { record, keyed, turnKey } of rows) {
    if (!keyed) continue;
    covered[record.signal] = Math.max(covered[record.signal], record.id);
    const computed = turnKeyOf(record);
    if (computed !== turnKey) writes.push({ signal: record.signal, id: record.id, turnKey: computed });
  }
  await saveRecordTurnKeys({ store: tx, keys: writes });
  await saveSessionBuildState({
    store: tx,
    build: {
      sessionId: key,
      logsId: covered.logs,
      spansId: covered.traces,
      metricsId: covered.metrics,
      ...facts.continuation!,
    },
  });
}
