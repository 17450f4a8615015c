// Builds one session and clears its mark in the same transaction: incrementally from its stored build when
// lib/sessions/incremental.ts can (the records since touch only its last turns), else in full from all its
// records. Either way the stored rows are the same (a session is a pure function of its records).
import type { Db } from "@/db/client";
import {
  deleteDirtySession,
  deleteSessionBuildState,
  saveSessionBuildState,
} from "@/db/queries/rebuild-queue";
import { listRecordRowsBySession, saveRecordTurnKeys, type RecordRow } from "@/db/queries/turn-records";
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

export function buildSessionByKey(db: Db, key: string): BuildOutcome {
  let outcome: BuildOutcome | null = null;
  let reason = "";
  // One write transaction from reading the build state to storing: what it read is what it continued.
  db.$client
    .transaction(() => {
      const plan = planIncrementalBuild(db, key);
      if (plan.kind === "full") {
        reason = plan.reason;
        return;
      }
      plan.save();
      deleteDirtySession({ db, key });
      outcome = { built: true, path: "incremental", turns: plan.turns };
    })
    .immediate();
  return outcome ?? buildInFull(db, key, reason);
}

function buildInFull(db: Db, key: string, reason: string): BuildOutcome {
  const rows = listRecordRowsBySession({ db, sessionKey: key }).filter(
    (row) => !row.byOwnTrace || traceIsSession(row.record.resource),
  );
  const keyed = new Set(rows.filter((row) => row.keyed).map((row) => row.record));
  const records = rows.map((row) => row.record);
  const { result, facts } =
    records.length > 0
      ? buildSessionWithFacts(key, records, (record) => keyed.has(record))
      : { result: null, facts: null };
  db.$client.transaction(() => {
    if (result) saveBuildResult(db, result, facts?.promptNs);
    if (facts && facts.continuation && !rows.some((row) => row.byOwnTrace))
      saveContinuation(db, key, rows, facts);
    else deleteSessionBuildState({ db, id: key });
    deleteDirtySession({ db, key });
  })();
  const turns = result?.kind === "session" ? result.session.turns.length : 0;
  return { built: result?.kind === "session", path: "full", turns, reason };
}

/** What the next incremental build starts from: the records' turn keys and the ids this build covered. */
function saveContinuation(db: Db, key: string, rows: RecordRow[], facts: BuildFacts): void {
  const turnKeyOf = facts.adapter!.turnKeyOf!;
  const covered: Record<TelemetryRecord["signal"], number> = { logs: 0, traces: 0, metrics: 0 };
  const writes: { signal: TelemetryRecord["signal"]; id: number; turnKey: string | null }[] = [];
  for (const { record, keyed, turnKey } of rows) {
    if (!keyed) continue;
    covered[record.signal] = Math.max(covered[record.signal], record.id);
    const computed = turnKeyOf(record);
    if (computed !== turnKey) writes.push({ signal: record.signal, id: record.id, turnKey: computed });
  }
  saveRecordTurnKeys({ db, keys: writes });
  saveSessionBuildState({
    db,
    build: {
      sessionId: key,
      logsId: covered.logs,
      spansId: covered.traces,
      metricsId: covered.metrics,
      ...facts.continuation!,
    },
  });
}
