// Appends accepted requests to a bucket archive and resolves only once they are durable there: the requests
// that arrive while a signal's previous PUT is in flight are written together as one pending object (group
// commit; a unique key, never overwritten), and acknowledged when that PUT returns. Full segments are
// compacted into closed ones in the background (ingest/archive/s3/segments.ts).
import { compress } from "@mongodb-js/zstd/bindings";
import type { Signal } from "@/db/telemetry";
import { SIGNALS, utcDay } from "../layout";
import { ArchiveUnavailableError, type ArchiveAppender, type ArchivePosition } from "../store";
import type { Bucket } from "./bucket";
import {
  bucketSegment,
  parsePendingKey,
  parseSegmentKey,
  PENDING,
  pendingKey,
  type BucketSegment,
} from "./keys";
import { compactSegment } from "./segments";

/** Plain bytes per segment before it is closed, as locally (ingest/archive/writer.ts). */
const SEGMENT_BYTES = 8 * 2 ** 20;
/** Pending objects per segment before it is closed anyway: bounds what a catch-up lists and reads one by one
 * when requests are small and rare. */
const MAX_PARTS = 500;
/** A pending object is read again within minutes (compaction): level 1 is fast and still ~4× on OTLP JSON. */
const PART_ZSTD_LEVEL = 1;

interface Queued {
  line: Buffer;
  resolve: (position: ArchivePosition) => void;
  reject: (error: Error) => void;
}

interface OpenSegment {
  ref: BucketSegment;
  lines: number;
  bytes: number;
  parts: number;
}

export class BucketWriter implements ArchiveAppender {
  private readonly open = new Map<Signal, OpenSegment>();
  private readonly queues = new Map<Signal, Queued[]>(SIGNALS.map((signal) => [signal, []]));
  private readonly flushing = new Set<Signal>();
  private compacting: Promise<void> = Promise.resolve();
  private bytes = 0;
  lastError: string | null = null;

  private constructor(
    private readonly bucket: Bucket,
    private readonly replica: string,
    private readonly nextSeq: Record<Signal, number>,
  ) {}

  /**
   * Checks the bucket (a clear BucketError when it cannot be used), closes what a previous run of this replica
   * left pending, and resumes its segment numbers.
   */
  static async create(bucket: Bucket, replica: string): Promise<BucketWriter> {
    await bucket.check();
    const nextSeq: Record<Signal, number> = { logs: 1, traces: 1, metrics: 1 };
    let bytes = 0;
    const leftover = new Map<string, BucketSegment>();
    for (const signal of SIGNALS) {
      for (const object of await bucket.list(`${signal}/`)) {
        bytes += object.size;
        const ref = parseSegmentKey(object.rel);
        if (ref?.replica === replica) nextSeq[signal] = Math.max(nextSeq[signal], ref.seq + 1);
      }
    }
    for (const object of await bucket.list(`${PENDING}/`)) {
      bytes += object.size;
      const ref = parsePendingKey(object.rel)?.segment;
      if (ref?.replica !== replica) continue;
      nextSeq[ref.signal] = Math.max(nextSeq[ref.signal], ref.seq + 1);
      leftover.set(ref.name, ref);
    }
    const writer = new BucketWriter(bucket, replica, nextSeq);
    writer.bytes = bytes;
    for (const ref of leftover.values()) writer.bytes += await compactSegment(bucket, ref);
    return writer;
  }

  storedBytes(): number {
    return this.bytes;
  }

  openSegmentNames(): Set<string> {
    return new Set([...this.open.values()].map((segment) => segment.ref.name));
  }

  append(signal: Signal, line: string): Promise<ArchivePosition> {
    return new Promise((resolve, reject) => {
      this.queues.get(signal)!.push({ line: Buffer.from(line + "\n"), resolve, reject });
      if (!this.flushing.has(signal)) {
        this.flushing.add(signal);
        setImmediate(() => void this.flush(signal));
      }
    });
  }

  /** One PUT at a time per signal; whatever queued meanwhile goes in the next one. */
  private async flush(signal: Signal): Promise<void> {
    try {
      for (let batch = this.take(signal); batch.length > 0; batch = this.take(signal)) {
        await this.writeBatch(signal, batch);
      }
    } finally {
      this.flushing.delete(signal);
    }
  }

  private take(signal: Signal): Queued[] {
    return this.queues.get(signal)!.splice(0);
  }

  private async writeBatch(signal: Signal, items: Queued[]): Promise<void> {
    const segment = this.segmentFor(signal);
    const data = Buffer.concat(items.map((item) => item.line));
    try {
      const body = await compress(data, PART_ZSTD_LEVEL);
      await this.bucket.put(pendingKey(segment.ref, segment.lines), body);
      this.bytes += body.length;
    } catch (error) {
      // Whether the object landed is unknown: this segment takes no more lines (a key is never reused), and
      // its compaction joins whatever did land.
      this.close(signal);
      const failure = new ArchiveUnavailableError(error);
      // Logged when it starts failing or the reason changes, not once per refused batch.
      if (this.lastError !== failure.message) console.error(`tracemark: ${failure.message}; answering 503`);
      this.lastError = failure.message;
      for (const item of items) item.reject(failure);
      return;
    }
    if (this.lastError !== null) console.error("tracemark: the archive bucket is writable again");
    this.lastError = null;
    items.forEach((item, i) =>
      item.resolve({ segment: segment.ref.name, line: segment.lines + i, bytes: item.line.length }),
    );
    segment.lines += items.length;
    segment.bytes += data.length;
    segment.parts++;
    if (segment.bytes >= SEGMENT_BYTES || segment.parts >= MAX_PARTS) this.close(signal);
  }

  private segmentFor(signal: Signal): OpenSegment {
    const today = utcDay(Date.now());
    const current = this.open.get(signal);
    if (current && current.ref.day === today) return current;
    if (current) this.close(signal);
    const ref = bucketSegment(signal, today, this.nextSeq[signal]++, this.replica);
    const segment = { ref, lines: 0, bytes: 0, parts: 0 };
    this.open.set(signal, segment);
    return segment;
  }

  /** Compacted in the background, one segment at a time; a failure leaves the pending objects for the next
   * start (they are durable and indexed as they are meanwhile). */
  private close(signal: Signal): void {
    const segment = this.open.get(signal);
    if (!segment) return;
    this.open.delete(signal);
    // Nothing acknowledged in it: a failed first PUT that landed after all is compacted at the next start.
    if (segment.parts === 0) return;
    const ref = segment.ref;
    this.compacting = this.compacting
      .then(() => compactSegment(this.bucket, ref))
      .then(
        (delta) => void (this.bytes += delta),
        (error: unknown) =>
          console.error(`tracemark: compacting archive segment ${ref.name} failed (kept pending):`, error),
      );
  }

  async drain(): Promise<void> {
    while (this.flushing.size > 0) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  /** Writes what is queued, closes every open segment and waits for their compaction. */
  async shutdown(): Promise<void> {
    await this.drain();
    for (const signal of SIGNALS) this.close(signal);
    await this.compacting;
    this.bucket.destroy();
  }
}
