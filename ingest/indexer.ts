// Indexes archived requests into the index (SQLite or PostgreSQL), after they are acknowledged: batches of
// requests per transaction, each segment's progress advanced in the same transaction, so every archived line
// is indexed exactly once. What the archive holds beyond that progress is indexed by ./catch-up.ts.
import {
  listSegmentProgress,
  saveSegmentProgress,
  type IndexedChange,
  type SkippedLine,
} from "@/db/queries/ingest";
import type { Store } from "@/db/store";
import { SqliteStore } from "@/db/store-sqlite";
import type { Signal } from "@/db/telemetry";
import type { IndexJob, IndexWriter, SessionKeyOf } from "./index-writer";
import { PgIndexWriter } from "./index-writer-pg";
import { SqliteIndexWriter } from "./index-writer-sqlite";

export type { IndexedChange } from "@/db/queries/ingest";
export type { IndexJob, SessionKeyOf } from "./index-writer";

/** What the receiver hands on after a request is archived: in this thread (`Indexer`, which uses the parsed
 * body) or another (`IndexThread`, which sends the text only). */
export interface ArchivedRequest extends IndexJob {
  body: unknown;
}

/** Where acknowledged requests go to be indexed, and what the receiver and the runtime status read of it. */
export interface IndexSink {
  /** Records waiting to be indexed (backpressure, /api/stats). */
  readonly backlog: number;
  /** Archive-line bytes of the requests waiting (their bodies are held until indexed). */
  readonly backlogBytes: number;
  /** Why indexing is failing right now (retried), else null. */
  readonly lastError: string | null;
  /** False while the sink cannot take requests (the index thread is being restarted): answered 503. */
  readonly accepting: boolean;
  enqueue(job: ArchivedRequest): void;
  /** Resolves when everything enqueued so far is indexed (and, for the index thread, built). */
  whenIdle(): Promise<void>;
  /** What the catch-up could not read, for the UI banner; null when nothing. */
  damageReport(): string | null;
  stop(): Promise<void>;
}

/** Records per transaction: large enough to amortize the commit, small enough to keep the loop responsive
 * (~20–50 ms of work at the measured ~100k rows/s). */
const BATCH_RECORDS = 4_000;

const RETRY_MS = 1_000;

/** The writer for the store's engine (SQLite: the connection's own store, whose transactions it joins). */
function indexWriterOf(store: Store, sessionKeyOf: SessionKeyOf): IndexWriter {
  if (store.dialect === "postgres") return new PgIndexWriter(store, sessionKeyOf);
  if (store instanceof SqliteStore) return new SqliteIndexWriter(store, sessionKeyOf);
  throw new Error("the indexer needs a connection's store, not a transaction's");
}

export class Indexer implements IndexSink {
  readonly accepting = true;
  private readonly writer: IndexWriter;
  private queue: IndexJob[] = [];
  private queuedRecords = 0;
  private queuedBytes = 0;
  /** A flush is scheduled or running (one at a time: batches are written in queue order). */
  private scheduled = false;
  private stopped = false;
  private flushing: Promise<void> = Promise.resolve();
  private idleWaiters: (() => void)[] = [];
  /** Archive segments the catch-up could not read (full paths). */
  readonly damagedSegments: string[] = [];
  /** Why the last batch could not be written (e.g. disk full, database gone), until one succeeds; the batch is
   * retried. */
  lastError: string | null = null;

  constructor(
    readonly store: Store,
    private readonly onIndexed: (change: IndexedChange) => void,
    sessionKeyOf: SessionKeyOf,
    /** Called after each written batch with the records and bytes it took off the queue. */
    private readonly onDrained: (records: number, bytes: number) => void = () => undefined,
  ) {
    this.writer = indexWriterOf(store, sessionKeyOf);
  }

  /** Records waiting to be indexed (used for backpressure and /api/stats). */
  get backlog(): number {
    return this.queuedRecords;
  }

  /** Archive-line bytes of the requests waiting (their parsed bodies are held until indexed). */
  get backlogBytes(): number {
    return this.queuedBytes;
  }

  enqueue(job: IndexJob): void {
    if (this.stopped) return; // archived already: the next start indexes it
    this.queue.push(job);
    this.queuedRecords += job.records;
    this.queuedBytes += job.request.bytes;
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    const run = (): void => {
      if (this.stopped) return;
      this.flushing = this.flushSome().then((written) => {
        this.scheduled = false;
        if (!written) this.schedule(RETRY_MS);
        else if (this.queue.length > 0) this.schedule(0);
        else for (const resolve of this.idleWaiters.splice(0)) resolve();
      });
    };
    if (delayMs > 0) setTimeout(run, delayMs);
    else setImmediate(run);
  }

  /** Writes the next batch off the queue; false when it failed (it stays queued, to be retried). */
  private async flushSome(): Promise<boolean> {
    let records = 0;
    let count = 0;
    while (count < this.queue.length && records < BATCH_RECORDS) records += this.queue[count++]!.records;
    const batch = this.queue.slice(0, count);
    try {
      if (batch.length > 0) await this.indexBatch(batch);
      this.lastError = null;
    } catch (error) {
      // The transaction rolled back, so the batch can be retried whole; the archive still has it.
      this.lastError = `index not writable: ${(error as Error).message}`;
      console.error(`tracemark: ${this.lastError}; retrying in ${RETRY_MS} ms`);
      return false;
    }
    this.queue.splice(0, count);
    const bytes = batch.reduce((sum, job) => sum + job.request.bytes, 0);
    this.queuedRecords -= records;
    this.queuedBytes -= bytes;
    if (count > 0) this.onDrained(records, bytes);
    return true;
  }

  /** Indexes a batch in one transaction (`skipped`: unreadable lines, counted as indexed); returns the change
   * for the session builder. */
  async indexBatch(batch: readonly IndexJob[], skipped: readonly SkippedLine[] = []): Promise<IndexedChange> {
    const change = await this.writer.write(batch, skipped);
    if (change.sessionKeys.size > 0 || change.unkeyedTraceIds.size > 0) this.onIndexed(change);
    return change;
  }

  /** Indexed line counts per archive segment. */
  segmentProgress(): Promise<Map<string, number>> {
    return listSegmentProgress({ store: this.store });
  }

  /** Lowers a segment's progress to the lines it still has (the archive lost some). */
  lowerProgress(segment: string, signal: Signal, lines: number): Promise<void> {
    return saveSegmentProgress({ store: this.store, segment, signal, lines });
  }

  /** Stops indexing (a shutdown), first indexing what is queued for up to `budgetMs`: the rest is in the
   * archive, past the segments' indexed progress, so the next start's catch-up indexes it. */
  async stop(budgetMs = 2_000): Promise<void> {
    const until = performance.now() + budgetMs;
    this.stopped = true;
    await this.flushing;
    while (this.queue.length > 0 && !this.lastError && performance.now() < until) await this.flushSome();
    this.queue = [];
    this.queuedRecords = 0;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /** Resolves when everything enqueued so far is indexed. */
  whenIdle(): Promise<void> {
    if (this.stopped || (this.queue.length === 0 && !this.scheduled)) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** What the last catch-up could not read, for the runtime status (UI banner); null when nothing. */
  damageReport(): string | null {
    const files = this.damagedSegments;
    if (files.length === 0) return null;
    return `archive: ${files.length} damaged segment${files.length === 1 ? "" : "s"} skipped, their requests are not in the index (${files.slice(0, 3).join(", ")}${files.length > 3 ? ", …" : ""}); see \`npm run doctor\``;
  }
}
