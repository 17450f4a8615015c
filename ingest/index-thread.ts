// The main thread's side of the index thread: acknowledged requests are posted to a worker thread that owns
// indexing and session building on its own SQLite connection, so the event loop that acknowledges requests
// only decodes, archives and answers. The worker's entry (`index-worker.ts`) is wired by server.ts.
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { BucketLocation } from "./archive/s3/bucket";
import type { ArchiveAppender } from "./archive/store";
import type { ArchivedRequest, IndexJob, IndexSink } from "./indexer";
import type { RetentionReport } from "./retention";

/** What the worker is told to do. `json` travels instead of the parsed body: a string is copied once,
 * where structured cloning a request object costs more than parsing it again on the other side. */
export type ToIndexThread =
  | { type: "jobs"; jobs: IndexJob[] }
  | { type: "idle"; id: number }
  | { type: "retain"; id: number; days: number; keepLabeled: boolean; openSegments: string[] }
  | { type: "stop" };

/** What the worker reports. */
export type FromIndexThread =
  | { type: "ready"; damaged: string | null }
  | { type: "drained"; records: number; bytes: number }
  | { type: "error"; message: string | null }
  | { type: "event"; event: unknown }
  | { type: "idle"; id: number }
  | { type: "retained"; id: number; report: RetentionReport | null; error: string | null }
  | { type: "stopped" };

/** What the worker (index-worker.ts) opens. */
export interface IndexWorkerOptions {
  dataDir: string;
  /** The archive in a bucket (TRACEMARK_ARCHIVE_URL), else null: `<data>/archive`. */
  bucket: BucketLocation | null;
  /** The index on PostgreSQL (TRACEMARK_DATABASE_URL), else null: `<data>/index.sqlite`. */
  databaseUrl: string | null;
  /** Team mode's bucket sweep interval (TRACEMARK_SWEEP_MS); default ingest/bucket-sweep.ts SWEEP_INTERVAL_MS. */
  sweepMs?: number;
}

export interface IndexThreadOptions {
  /** The worker's entry module (TypeScript, loaded through tsx). */
  entry: string;
  /** Handed to the worker as `workerData.options`. */
  workerOptions: IndexWorkerOptions;
  /** Archive appends still in flight must be on disk before a restarted worker reads the archive. */
  archive: Pick<ArchiveAppender, "drain">;
  /** A change event from the worker (sessions rebuilt), to be published on this thread. */
  onEvent: (event: unknown) => void;
}

/** Resolved like db/client.ts's migrations: tracemark runs from its folder. */
const BOOT = path.join(process.cwd(), "ingest", "worker-boot.mjs");
/** A worker that does not stop within this after being asked is terminated (its marks are durable). */
const STOP_TIMEOUT_MS = 10_000;

export class IndexThread implements IndexSink {
  private worker!: Worker;
  private outbox: IndexJob[] = [];
  private queuedRecords = 0;
  private queuedBytes = 0;
  private ready = false;
  /** The worker thread runs (false after its exit, until a restart spawns the next). */
  private alive = false;
  private stopping = false;
  private damaged: string | null = null;
  private nextId = 0;
  private readonly replies = new Map<number, (message: FromIndexThread) => void>();
  private readyWaiter: { resolve: () => void; reject: (error: Error) => void } | null = null;
  private stopped: (() => void) | null = null;
  lastError: string | null = null;

  private constructor(private readonly options: IndexThreadOptions) {}

  /** Starts the worker and resolves once it has caught up with the archive. */
  static async start(options: IndexThreadOptions): Promise<IndexThread> {
    const thread = new IndexThread(options);
    await thread.spawn();
    return thread;
  }

  get backlog(): number {
    return this.queuedRecords;
  }

  get backlogBytes(): number {
    return this.queuedBytes;
  }

  get accepting(): boolean {
    return this.ready && !this.stopping;
  }

  damageReport(): string | null {
    return this.damaged;
  }

  enqueue(job: ArchivedRequest): void {
    // Not accepting: the request is archived; the (re)started worker's catch-up indexes it.
    if (!this.accepting) return;
    this.outbox.push({ request: job.request, json: job.json, records: job.records });
    this.queuedRecords += job.records;
    this.queuedBytes += job.request.bytes;
    if (this.outbox.length === 1) setImmediate(() => this.post());
  }

  /** Everything enqueued so far is indexed and every session it touched is built. */
  async whenIdle(): Promise<void> {
    if (!this.ready) return;
    this.post();
    await this.ask({ type: "idle", id: 0 });
  }

  /** Retention runs where the index is written (it deletes rows); `openSegments` are the archive's. */
  async retain(options: {
    days: number;
    keepLabeled: boolean;
    openSegments: Set<string>;
  }): Promise<RetentionReport> {
    const reply = await this.ask({
      type: "retain",
      id: 0,
      days: options.days,
      keepLabeled: options.keepLabeled,
      openSegments: [...options.openSegments],
    });
    if (reply.type !== "retained" || !reply.report)
      throw new Error(reply.type === "retained" ? reply.error! : "no report");
    return reply.report;
  }

  /** Asks the worker to finish its current batch and build and stop; what is left is durable (archive
   * progress, rebuild marks) and done by the next start. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    if (!this.alive) return; // it died and could not be restarted: nothing to wait for
    this.post();
    const done = new Promise<void>((resolve) => (this.stopped = resolve));
    this.worker.postMessage({ type: "stop" } satisfies ToIndexThread);
    const timer = setTimeout(() => void this.worker.terminate(), STOP_TIMEOUT_MS);
    await done;
    clearTimeout(timer);
  }

  private post(): void {
    if (this.outbox.length === 0 || !this.ready) return;
    const jobs = this.outbox;
    this.outbox = [];
    this.worker.postMessage({ type: "jobs", jobs } satisfies ToIndexThread);
  }

  private ask(message: ToIndexThread & { id: number }): Promise<FromIndexThread> {
    if (!this.alive) return Promise.reject(new Error("the index thread is not running"));
    const id = ++this.nextId;
    return new Promise((resolve) => {
      this.replies.set(id, resolve);
      this.worker.postMessage({ ...message, id });
    });
  }

  private spawn(): Promise<void> {
    this.ready = false;
    this.alive = true;
    this.worker = new Worker(BOOT, {
      workerData: { entry: this.options.entry, options: this.options.workerOptions },
    });
    this.worker.on("message", (message: FromIndexThread) => this.onMessage(message));
    this.worker.on("error", (error) => console.error("tracemark: the index thread failed:", error));
    this.worker.on("exit", (code) => void this.onExit(code));
    return new Promise((resolve, reject) => (this.readyWaiter = { resolve, reject }));
  }

  private onMessage(message: FromIndexThread): void {
    switch (message.type) {
      case "ready":
        this.damaged = message.damaged;
        this.ready = true;
        this.readyWaiter?.resolve();
        this.readyWaiter = null;
        return;
      case "drained":
        this.queuedRecords -= message.records;
        this.queuedBytes -= message.bytes;
        return;
      case "error":
        this.lastError = message.message;
        return;
      case "event":
        this.options.onEvent(message.event);
        return;
      case "idle":
      case "retained":
        this.replies.get(message.id)?.(message);
        this.replies.delete(message.id);
        return;
      case "stopped":
        return;
    }
  }

  /**
   * The worker ended. Asked to: done. Otherwise it crashed: nothing acknowledged is lost (every request is
   * archived; what the worker had not indexed is past the archive's progress), so stop taking requests, let
   * the appends in flight reach the disk, and start a new worker, whose catch-up indexes them.
   */
  private async onExit(code: number): Promise<void> {
    this.ready = false;
    this.alive = false;
    if (this.stopping) {
      this.stopped?.();
      return;
    }
    const error = new Error(`the index thread exited (code ${code})`);
    if (this.readyWaiter) {
      this.readyWaiter.reject(error);
      this.readyWaiter = null;
      return;
    }
    console.error(`tracemark: ${error.message}; restarting it from the archive`);
    this.lastError = `${error.message}; restarting`;
    this.outbox = [];
    this.queuedRecords = 0;
    this.queuedBytes = 0;
    const pending = [...this.replies.values()];
    this.replies.clear();
    await this.options.archive.drain();
    try {
      await this.spawn();
      this.lastError = null;
    } catch (restart) {
      this.lastError = `the index thread cannot start: ${(restart as Error).message}`;
      console.error(`tracemark: ${this.lastError}`);
    }
    // whenIdle() callers from before the crash: the new worker has caught up, so their requests are indexed.
    for (const reply of pending) {
      const answer = { type: "idle", id: 0 } as const; // the restart failed: nothing more will be indexed
      void this.ask(answer).then(reply, () => reply(answer));
    }
  }
}
