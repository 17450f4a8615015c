// Indexes archived requests into SQLite, after they are acknowledged: batches of requests per transaction,
// each segment's progress advanced in the same transaction, so every archived line is indexed exactly once.
import type { Db } from "@/db/client";
import { IngestStatements, listSegmentProgress, type IndexedRequest } from "@/db/queries/ingest";
import type { Attrs, Signal } from "@/db/telemetry";
import { SIGNALS } from "./archive/layout";
import { parseArchiveLine } from "./archive/line";
import { segmentLines } from "./archive/reader";
import type { ArchiveSource, SourceSegment } from "./archive/store";
import { flattenRequest } from "./flatten";
import { wellFormedJson } from "./otlp/well-formed";

export interface IndexJob {
  request: IndexedRequest;
  /** The canonical request as archived (JSON text; not re-read from the archive). */
  json: string;
  /** The same, parsed, when the caller has it; otherwise `json` is parsed when its batch is written, so a
   * long queue holds text only (the index thread's queue: parsed objects are several times larger). */
  body?: unknown;
  /** Record count (from the decoder), for batching and backpressure. */
  records: number;
}

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

/** What a batch touched, for the session builder. */
export interface IndexedChange {
  sessionKeys: Set<string>;
  /** Trace ids of records that carried no session key (their session is found through trace_sessions). */
  unkeyedTraceIds: Set<string>;
  records: number;
}

/** A record's session key from its attributes and resource, or null: which attributes name a session is
 * the client registry's knowledge (lib/adapters), handed in by whoever wires the pipeline (server.ts). */
export type SessionKeyOf = (attrs: Attrs, resource: Attrs) => string | null;

/** Records per transaction: large enough to amortize the commit, small enough to keep the loop responsive
 * (~20–50 ms of work at the measured ~100k rows/s). */
const BATCH_RECORDS = 4_000;

const RETRY_MS = 1_000;

export class Indexer implements IndexSink {
  readonly accepting = true;
  private readonly statements: IngestStatements;
  private queue: IndexJob[] = [];
  private queuedRecords = 0;
  private queuedBytes = 0;
  private scheduled = false;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];
  /** Archive segments the catch-up could not read (full paths). */
  readonly damagedSegments: string[] = [];
  /** Why the last batch could not be written (e.g. disk full), until one succeeds; the batch is retried. */
  lastError: string | null = null;

  constructor(
    db: Db,
    private readonly onIndexed: (change: IndexedChange) => void,
    private readonly sessionKeyOf: SessionKeyOf,
    /** Called after each written batch with the records and bytes it took off the queue. */
    private readonly onDrained: (records: number, bytes: number) => void = () => undefined,
  ) {
    this.statements = new IngestStatements(db);
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
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flushSome();
    });
  }

  private flushSome(): void {
    let records = 0;
    let count = 0;
    while (count < this.queue.length && records < BATCH_RECORDS) records += this.queue[count++]!.records;
    const batch = this.queue.slice(0, count);
    try {
      if (batch.length > 0) this.indexBatch(batch);
      this.lastError = null;
    } catch (error) {
      // The transaction rolled back, so the batch can be retried whole; the archive still has it.
      this.lastError = `index not writable: ${(error as Error).message}`;
      console.error(`tracemark: ${this.lastError}; retrying in ${RETRY_MS} ms`);
      setTimeout(() => this.schedule(), RETRY_MS);
      return;
    }
    this.queue.splice(0, count);
    const bytes = batch.reduce((sum, job) => sum + job.request.bytes, 0);
    this.queuedRecords -= records;
    this.queuedBytes -= bytes;
    if (count > 0) this.onDrained(records, bytes);
    if (this.queue.length > 0) this.schedule();
    else for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /** Indexes a batch in one transaction; returns the change for the session builder. */
  indexBatch(batch: IndexJob[]): IndexedChange {
    const change: IndexedChange = { sessionKeys: new Set(), unkeyedTraceIds: new Set(), records: 0 };
    this.statements.transaction(() => {
      for (const job of batch) this.indexOne(job, change);
      // In the same transaction: a crash after the commit still leaves the rebuild for the next start.
      this.statements.markForRebuild(change.sessionKeys, change.unkeyedTraceIds, Date.now());
    });
    if (change.sessionKeys.size > 0 || change.unkeyedTraceIds.size > 0) this.onIndexed(change);
    return change;
  }

  private indexOne({ request, json, body }: IndexJob, change: IndexedChange): void {
    const { signal } = request;
    // An exporter retry resends the same body: archived again (lossless) but indexed once.
    if (!this.statements.isDuplicate(signal, request.bodyHash)) {
      const rows = flattenRequest(signal, body ?? JSON.parse(json));
      const requestId = this.statements.insertRequest(request, rows.length);
      const resources = new Set<number>();
      for (const row of rows) {
        const sessionKey = this.sessionKeyOf(row.attrs, row.resource);
        resources.add(this.statements.insertRecord(signal, requestId, { ...row, sessionKey }));
        if (sessionKey) change.sessionKeys.add(sessionKey);
        else if (row.traceId) change.unkeyedTraceIds.add(row.traceId);
      }
      for (const resourceId of resources) this.statements.touchResource(resourceId, request.receivedAt);
      change.records += rows.length;
    }
    this.statements.markIndexed(request.segment, signal, request.line);
  }

  /** Stops indexing (a shutdown), first indexing what is queued for up to `budgetMs`: the rest is in the
   * archive, past the segments' indexed progress, so the next start's catch-up indexes it. */
  async stop(budgetMs = 2_000): Promise<void> {
    const until = performance.now() + budgetMs;
    while (this.queue.length > 0 && !this.lastError && performance.now() < until) {
      this.flushSome();
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.stopped = true;
    this.queue = [];
    this.queuedRecords = 0;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /** Resolves when everything enqueued so far is indexed. */
  whenIdle(): Promise<void> {
    if (this.stopped || (this.queue.length === 0 && !this.scheduled)) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Indexes archived lines the index has not seen (after a crash, or everything after a reindex). Lines are
   * indexed in append order per signal and stream (one writer), so every segment of a stream before its last
   * one with progress is complete.
   */
  async catchUp(db: Db, source: ArchiveSource): Promise<number> {
    const progress = listSegmentProgress({ db });
    let lines = 0;
    for (const signal of SIGNALS) {
      for (const refs of byStream(await source.listSegments(signal))) {
        let start = 0;
        refs.forEach((ref, i) => {
          if (progress.has(ref.name)) start = i;
        });
        for (const ref of refs.slice(start)) {
          lines += await this.catchUpSegment(source, signal, ref.name, progress.get(ref.name) ?? 0);
        }
      }
    }
    return lines;
  }

  /** What the last catch-up could not read, for the runtime status (UI banner); null when nothing. */
  damageReport(): string | null {
    const files = this.damagedSegments;
    if (files.length === 0) return null;
    return `archive: ${files.length} damaged segment${files.length === 1 ? "" : "s"} skipped, their requests are not in the index (${files.slice(0, 3).join(", ")}${files.length > 3 ? ", …" : ""}); see \`npm run doctor\``;
  }

  /** A segment's bytes, or null (named in the log, counted) when it cannot be read: one damaged file must not
   * stop a start or a reindex. A bucket's open segment may come back with some parts damaged (blank lines). */
  private async readForCatchUp(source: ArchiveSource, name: string): Promise<Buffer | null> {
    try {
      const { data, damaged } = await source.readSegment(name);
      for (const part of damaged) {
        this.damagedSegments.push(part);
        console.error(
          `tracemark: archive object ${part} is unreadable; skipped, its requests are not indexed. The object is kept as it is.`,
        );
      }
      return data;
    } catch (error) {
      const file = source.describe(name);
      this.damagedSegments.push(file);
      console.error(
        `tracemark: archive segment ${file} is unreadable (${(error as Error).message}); skipped, its requests are not indexed. The file is kept as it is.`,
      );
      return null;
    }
  }

  /** A segment cut shorter than the index's progress (lost lines): count only what is there, so lines appended
   * from now on are indexed. */
  private correctProgress(
    source: ArchiveSource,
    signal: Signal,
    name: string,
    data: Buffer,
    from: number,
  ): number {
    let lines = 0;
    for (let i = data.indexOf(0x0a); i !== -1; i = data.indexOf(0x0a, i + 1)) lines++;
    if (from <= lines) return from;
    console.error(
      `tracemark: archive segment ${source.describe(name)} has ${lines} lines but the index had counted ${from}: ${from - lines} lines are gone from the archive; the index now counts ${lines}`,
    );
    this.statements.setProgress(name, signal, lines);
    return lines;
  }

  private async catchUpSegment(
    source: ArchiveSource,
    signal: Signal,
    name: string,
    progress: number,
  ): Promise<number> {
    const data = await this.readForCatchUp(source, name);
    if (!data) return 0;
    const from = this.correctProgress(source, signal, name, data, progress);
    let batch: IndexJob[] = [];
    let batchBytes = 0;
    let count = 0;
    for (const { line, text } of segmentLines(data, from)) {
      let parsed;
      try {
        parsed = parseArchiveLine(text);
      } catch (error) {
        // A damaged line (not a torn tail: those are trimmed at start) must not stop the start-up: it stays in
        // the archive for inspection and the rest is indexed. A blank line stands for a damaged part of a
        // bucket's open segment, already reported.
        if (text !== "")
          console.error(
            `tracemark: archive ${name} line ${line} is unreadable (${(error as Error).message}); skipped`,
          );
        if (batch.length > 0) this.indexBatch(batch.splice(0)); // progress must not pass unindexed lines
        batchBytes = 0;
        this.statements.markIndexed(name, signal, line);
        continue;
      }
      const serialized = JSON.stringify(parsed.request);
      const requestJson = wellFormedJson(serialized) ?? serialized; // lines archived before lone surrogates were replaced
      batch.push({
        json: requestJson,
        body: requestJson === serialized ? parsed.request : undefined,
        records: 0,
        request: {
          signal,
          receivedAt: Date.parse(parsed.receivedAt),
          transport: parsed.transport,
          encoding: parsed.encoding,
          userAgent: parsed.userAgent,
          segment: name,
          line,
          bytes: Buffer.byteLength(text) + 1,
          bodyHash: IngestStatements.hashBody(requestJson),
        },
      });
      batchBytes += text.length;
      count++;
      // ~4 MiB of lines per transaction, then yield to the event loop.
      if (batchBytes >= 4 * 2 ** 20) {
        this.indexBatch(batch);
        batch = [];
        batchBytes = 0;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    if (batch.length > 0) this.indexBatch(batch);
    return count;
  }
}

/** Segments grouped by the writer that appended them, each group in append order. */
function byStream(refs: SourceSegment[]): SourceSegment[][] {
  const streams = new Map<string, SourceSegment[]>();
  for (const ref of refs) streams.set(ref.stream, [...(streams.get(ref.stream) ?? []), ref]);
  return [...streams.values()].map((group) => group.sort((a, b) => a.seq - b.seq));
}
