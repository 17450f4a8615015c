// Keeps sessions and turns current as records are indexed: collects the sessions a batch touched, and
// rebuilds each (a pure function of its records, lib/adapters) shortly after, coalescing bursts.
import type { Db } from "@/db/client";
import { listRecordsBySession, listSessionKeysByTraceIds, listTraceResources } from "@/db/queries/records";
import { buildSession, sessionsOfRecord, traceIsSession } from "@/lib/adapters";
import { publish } from "@/lib/events";
import { saveBuildResult } from "./store";

export interface SessionChange {
  sessionKeys: Set<string>;
  unkeyedTraceIds: Set<string>;
}

/** Rebuild at most this often: one turn's telemetry arrives as a burst of requests across signals, and
 * rebuilding once per burst instead of per request is what keeps it cheap. A throttle, not a debounce:
 * under continuous load, sessions still update every SETTLE_MS. */
const SETTLE_MS = 150;

export class SessionBuilder {
  private dirty = new Set<string>();
  private unkeyedTraces = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private idleWaiters: (() => void)[] = [];
  private rebuilding = 0;
  /** How long the last rebuild pass took: the next one waits at least ten times that (see markDirty). */
  private lastPassMs = 0;

  constructor(
    private readonly db: Db,
    private readonly settleMs = SETTLE_MS,
  ) {}

  /** Sessions waiting to be rebuilt. */
  get pending(): number {
    return this.dirty.size + this.unkeyedTraces.size + this.rebuilding;
  }

  markDirty(change: SessionChange): void {
    for (const key of change.sessionKeys) this.dirty.add(key);
    for (const traceId of change.unkeyedTraceIds) this.unkeyedTraces.add(traceId);
    if (this.timer) return;
    // A rebuild re-reads whole sessions: spacing passes by ten times their cost keeps rebuilding under ~10%
    // of the event loop however large the sessions grow (a 2,000-turn session took ~280 ms per pass).
    const wait = this.settleMs === 0 ? 0 : Math.max(this.settleMs, 10 * this.lastPassMs);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.running.then(() => this.rebuildDirty());
    }, wait);
  }

  /** Sessions whose keyless records (e.g. Codex spans) arrived, by the membership rule (lib/adapters
   * membership.ts): through trace_sessions, or the trace itself for clients with no session id at all. */
  private resolveUnkeyedTraces(): void {
    const traceIds = [...this.unkeyedTraces];
    this.unkeyedTraces.clear();
    const mapped = listSessionKeysByTraceIds({ db: this.db, traceIds });
    const unmapped = traceIds.filter((traceId) => !mapped.has(traceId));
    for (const keys of mapped.values()) for (const key of keys) this.dirty.add(key);
    for (const [traceId, resource] of listTraceResources({ db: this.db, traceIds: unmapped })) {
      for (const key of sessionsOfRecord({ sessionKey: null, traceId, resource }, () => undefined)) this.dirty.add(key);
    }
  }

  private async rebuildDirty(): Promise<void> {
    this.resolveUnkeyedTraces();
    const keys = [...this.dirty];
    this.dirty.clear();
    this.rebuilding = keys.length;
    const changed: string[] = [];
    let busyMs = 0;
    for (const key of keys) {
      const started = performance.now();
      try {
        const records = listRecordsBySession({ db: this.db, sessionKey: key, traceIsSession });
        if (records.length > 0) {
          saveBuildResult(this.db, buildSession(key, records));
          changed.push(key);
        }
      } catch (error) {
        // e.g. disk full: the records are safe in the index and the archive; try this session again later
        console.error(`tracemark: rebuilding session ${key} failed:`, error);
        setTimeout(() => this.markDirty({ sessionKeys: new Set([key]), unkeyedTraceIds: new Set() }), 5_000);
      }
      this.rebuilding--;
      busyMs += performance.now() - started;
      await new Promise((resolve) => setImmediate(resolve)); // let ingest requests through between sessions
    }
    this.lastPassMs = busyMs;
    if (changed.length > 0) publish({ type: "sessions", ids: changed });
    if (this.pending === 0 && !this.timer) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /** Resolves when every change marked so far has been rebuilt. */
  async whenIdle(): Promise<void> {
    while (this.timer || this.pending > 0) {
      await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    }
    await this.running;
  }
}
