// Keeps sessions and turns current as records are indexed. What must be (re)built is durable: the indexer marks
// it in the records' own transaction (db/queries/rebuild-queue.ts), and a session's mark is claimed and
// cleared in the transaction that stores its build, so a crash at any point leaves the work for the next start
// (or, with several replicas on one PostgreSQL, for another replica: docs/team.md). Sessions are built newest
// mark first, in time-bounded passes; each is a pure function of its records (lib/adapters).
import {
  countDirtyWork,
  listDirtySessionKeys,
  listDirtyTraces,
  listMarkedAmong,
  resetFailedSessionBuilds,
  saveFailedSessionBuild,
  saveResolvedTraces,
  saveSessionClaim,
} from "@/db/queries/rebuild-queue";
import { listSessionKeysByTraceIds, listTraceResources } from "@/db/queries/records";
import type { Store } from "@/db/store";
import { sessionsOfRecord } from "@/lib/adapters";
import { publish } from "@/lib/events";
import { buildSessionByKey, type BuildOutcome } from "./build-one";

/** Build at most this often: one turn's telemetry arrives as a burst of requests across signals, and
 * building once per burst instead of per request is what keeps it cheap. A throttle, not a debounce. */
const SETTLE_MS = 150;
/** A pass builds for about this long, yielding to the event loop between groups of sessions; passes start at
 * most SETTLE_MS apart: a backlog of 200k sessions is spread over many passes, and a session marked meanwhile
 * (newest first) is built in the next one, so it appears within ~0.5 s however large the backlog. */
const PASS_BUDGET_MS = 250;
const CHUNK = 256;
/** Sessions are built in groups of about this long per transaction (see buildGroup). */
const GROUP_MS = 20;
/** A session whose build takes longer than this is not rebuilt before ten times its cost has passed, so one
 * huge session under continuous load (a 2,000-turn session took ~280 ms per build) stays a small share of the
 * event loop; small sessions are rebuilt on every pass. */
const SLOW_BUILD_MS = 20;
/** A failed build (e.g. disk full) keeps its mark; it is retried this much later. */
const RETRY_MS = 5_000;

export interface BuildStats {
  incremental: number;
  full: number;
  /** Turns derived over all builds: per build it stays small when builds are incremental. */
  turnsDerived: number;
  lastFullReason: string | null;
}

/** Sessions and keyless traces waiting to be built (read on any connection to the index). */
export function pendingSessionBuilds(store: Store): Promise<number> {
  return countDirtyWork({ store });
}

export class SessionBuilder {
  private timer: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private starting: Promise<void> = Promise.resolve();
  private stopped = false;
  private idleWaiters: (() => void)[] = [];
  /** What the builds did (tests, bench): the incremental path must stay the common one. Counted when the
   * build's group committed. */
  readonly stats: BuildStats = { incremental: 0, full: 0, turnsDerived: 0, lastFullReason: null };
  /** Slow or failing sessions: the earliest time (epoch ms) they are built again. */
  private readonly notBefore = new Map<string, number>();
  /** Sessions another replica held when this pass tried them: left to it for the rest of the pass. */
  private heldElsewhere = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly settleMs = SETTLE_MS,
    /** Builds slower than this pause their session (tests that replay record by record turn it off). */
    private readonly slowBuildMs = SLOW_BUILD_MS,
  ) {}

  /** Starts on what the index says must be built, including what an earlier process left behind. */
  start(): void {
    this.starting = resetFailedSessionBuilds({ store: this.store }).then(
      () => this.wake(),
      (error: unknown) => {
        console.error("tracemark: reading the session marks failed:", error);
        this.scheduleRetry();
      },
    );
  }

  /** New marks were committed (the indexer calls this after each batch): schedule a pass. */
  wake(delayMs = this.settleMs): void {
    if (this.stopped || this.running) return; // a running pass looks again before it ends
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      const started = performance.now();
      this.running = this.pass()
        .then(() => this.nextPassDelay(started))
        .catch((error: unknown) => {
          console.error("tracemark: reading the session marks failed:", error);
          this.scheduleRetry();
          return null;
        })
        .then((delay) => {
          this.running = null;
          if (delay === null || this.stopped) this.releaseIdleWaiters();
          else this.wake(delay);
        });
    }, delayMs);
  }

  /** Finishes the session being built and stops; the marks left are built at the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.starting;
    await this.running;
    this.releaseIdleWaiters();
  }

  /** Resolves when every mark committed so far is built (failed builds excepted: they wait for a retry), those
   * of throttled sessions included (they are built once their pause is over), and those another replica is
   * building (this one looks again each pass until they are gone). */
  async whenIdle(): Promise<void> {
    await this.starting;
    const waiting = async (): Promise<boolean> =>
      (await listMarkedAmong({ store: this.store, keys: this.throttled() })).length > 0;
    while (!this.stopped && (this.timer || this.running || (await this.hasWork()) || (await waiting()))) {
      if (!this.timer && !this.running) this.wake(0);
      await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    }
  }

  private releaseIdleWaiters(): void {
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private throttled(): string[] {
    const now = Date.now();
    for (const [key, at] of this.notBefore) if (at <= now) this.notBefore.delete(key);
    return [...this.notBefore.keys()];
  }

  private async hasWork(): Promise<boolean> {
    return (
      (await listDirtyTraces({ store: this.store, limit: 1 })).length > 0 ||
      (await listDirtySessionKeys({ store: this.store, limit: 1, skip: this.throttled() })).length > 0
    );
  }

  /** When the next pass starts, or null when nothing is left (idle). A throttle counts from the start of the
   * last pass: after a pass that used its whole budget on a backlog, the next one starts at once (a session is
   * still built at most once per pass). */
  private async nextPassDelay(started: number): Promise<number | null> {
    if (this.stopped) return null;
    if (await this.hasWork()) return Math.max(0, this.settleMs - (performance.now() - started));
    const marked = await listMarkedAmong({ store: this.store, keys: this.throttled() });
    const waiting = marked.map((key) => this.notBefore.get(key)!);
    if (waiting.length > 0) return Math.max(0, Math.min(...waiting) - Date.now());
    return null;
  }

  /** Sessions whose keyless records (e.g. Codex spans) arrived, by the membership rule (lib/adapters
   * membership.ts): through trace_sessions, or the trace itself for clients with no session id at all. */
  private async resolveTraces(): Promise<void> {
    const store = this.store;
    for (
      let traces = await listDirtyTraces({ store, limit: 2_000 });
      traces.length > 0;
      traces = await listDirtyTraces({ store, limit: 2_000 })
    ) {
      const traceIds = traces.map((trace) => trace.traceId);
      const markedAt = new Map(traces.map((trace) => [trace.traceId, trace.markedAt]));
      const sessions = new Map<string, { markedAt: number; traceIds: string[] }>();
      const add = (key: string, traceId: string): void => {
        const entry = sessions.get(key) ?? { markedAt: markedAt.get(traceId)!, traceIds: [] };
        entry.markedAt = Math.max(entry.markedAt, markedAt.get(traceId)!);
        entry.traceIds.push(traceId);
        sessions.set(key, entry);
      };
      const mapped = await listSessionKeysByTraceIds({ store, traceIds });
      for (const [traceId, keys] of mapped) for (const key of keys) add(key, traceId);
      const unmapped = traceIds.filter((traceId) => !mapped.has(traceId));
      for (const [traceId, resource] of await listTraceResources({ store, traceIds: unmapped })) {
        for (const key of sessionsOfRecord({ sessionKey: null, traceId, resource }, () => undefined))
          add(key, traceId);
      }
      await saveResolvedTraces({ store, traces: traceIds, sessions });
    }
  }

  private async pass(): Promise<void> {
    const started = performance.now();
    const changed: string[] = [];
    this.heldElsewhere = new Set();
    try {
      await this.resolveTraces();
      for (let keys = await this.nextKeys(); keys.length > 0 && !this.stopped; keys = await this.nextKeys()) {
        for (let next = 0; next < keys.length;) {
          next = await this.buildGroup(keys, next, changed);
          await new Promise((resolve) => setImmediate(resolve)); // let the indexer's batches in between groups
          if (this.stopped || performance.now() - started > PASS_BUDGET_MS) return;
        }
      }
    } catch (error) {
      // e.g. the index is not readable right now: the marks stay; try again later
      console.error("tracemark: rebuilding sessions failed:", error);
      this.scheduleRetry();
    } finally {
      if (changed.length > 0) publish({ type: "sessions", ids: changed });
    }
  }

  private nextKeys(): Promise<string[]> {
    const skip = [...this.throttled(), ...this.heldElsewhere];
    return listDirtySessionKeys({ store: this.store, limit: CHUNK, skip });
  }

  /**
   * Builds sessions from `keys[from]` on for about GROUP_MS in one transaction (each build is a savepoint in
   * it, so a failing one is undone alone) and returns where it stopped. One commit per group instead of per
   * session: a commit also flushes the search index's new terms, ~a quarter of a small session's build.
   * Each session is claimed first (saveSessionClaim): one held by another replica's build is left to it.
   */
  private async buildGroup(keys: string[], from: number, changed: string[]): Promise<number> {
    const started = performance.now();
    let next = from;
    const outcomes: [string, BuildOutcome][] = [];
    await this.store.transaction(async (tx) => {
      do {
        const key = keys[next]!;
        if (!(await saveSessionClaim({ tx, key }))) this.heldElsewhere.add(key);
        else {
          const outcome = await this.buildOne(tx, key);
          if (outcome) outcomes.push([key, outcome]);
        }
      } while (++next < keys.length && performance.now() - started < GROUP_MS && !this.stopped);
    });
    for (const [key, outcome] of outcomes) {
      this.stats[outcome.path]++;
      this.stats.turnsDerived += outcome.turns;
      if (outcome.reason !== undefined) this.stats.lastFullReason = outcome.reason;
      if (outcome.built) changed.push(key);
    }
    return next;
  }

  /** Builds one session and clears its mark in the transaction `tx`; undefined when the build failed. */
  private async buildOne(tx: Store, key: string): Promise<BuildOutcome | undefined> {
    const started = performance.now();
    let outcome: BuildOutcome;
    try {
      outcome = await buildSessionByKey(tx, key);
    } catch (error) {
      // e.g. disk full: the records are safe in the index and the archive; the mark stays for a retry
      console.error(`tracemark: rebuilding session ${key} failed:`, error);
      try {
        await saveFailedSessionBuild({ store: tx, key });
      } catch {
        this.notBefore.set(key, Date.now() + RETRY_MS);
      }
      this.scheduleRetry();
      return undefined;
    }
    const ms = performance.now() - started;
    if (ms > this.slowBuildMs) this.notBefore.set(key, Date.now() + 10 * ms);
    return outcome;
  }

  private scheduleRetry(): void {
    if (this.retryTimer || this.stopped) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      resetFailedSessionBuilds({ store: this.store }).then(
        () => this.wake(0),
        () => this.scheduleRetry(),
      );
    }, RETRY_MS);
    this.retryTimer.unref();
  }
}
