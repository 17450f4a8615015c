// Appends accepted requests to the archive, one JSON line each, and resolves only once the line is written
// (and fdatasync'ed when fsync is on). Appends arriving in the same tick share one write (group commit).
import fs from "node:fs";
import path from "node:path";
import type { Signal } from "@/db/telemetry";
import { compressSegment } from "./compress";
import { plainPath, segmentName, SIGNALS, utcDay, type SegmentRef } from "./layout";
import { archiveDiskBytes, recoverArchive } from "./recovery";
import { ArchiveUnavailableError, type ArchiveAppender, type ArchivePosition } from "./store";

export { ArchiveUnavailableError, type ArchivePosition };

/** Plain bytes per segment before it is closed and compressed. 8 MiB: one zstd frame of that size compresses
 * within ~2% of `zstd -3` over a whole day, while a crash leaves at most one small plain tail per signal. */
export const SEGMENT_BYTES = 8 * 2 ** 20;

interface Pending {
  signal: Signal;
  line: Buffer;
  resolve: (position: ArchivePosition) => void;
  reject: (error: Error) => void;
}

interface OpenSegment {
  ref: SegmentRef;
  fd: number;
  lines: number;
  bytes: number;
}

export interface ArchiveWriterOptions {
  fsync: boolean;
  segmentBytes?: number;
  /** Called with each segment name once it is closed and compressed (tests, metrics). */
  onSealed?: (name: string) => void;
}

/** The local archive's appender (`<data>/archive`). */
export class ArchiveWriter implements ArchiveAppender {
  private readonly open = new Map<Signal, OpenSegment>();
  private pending: Pending[] = [];
  private flushing = false;
  private compressing: Promise<void> = Promise.resolve();
  /** Why the last write failed, until a write succeeds again (shown in the UI and /api/stats). */
  lastError: string | null = null;

  private constructor(
    readonly root: string,
    private readonly nextSeq: Record<Signal, number>,
    private readonly options: ArchiveWriterOptions,
  ) {}

  static async create(root: string, options: ArchiveWriterOptions): Promise<ArchiveWriter> {
    fs.mkdirSync(root, { recursive: true });
    const report = await recoverArchive(root);
    const writer = new ArchiveWriter(root, report.nextSeq, options);
    const today = utcDay(Date.now());
    for (const signal of SIGNALS) {
      const tail = report.tails[signal];
      if (!tail) continue;
      if (tail.ref.day === today && tail.bytes < writer.segmentBytes) {
        const fd = fs.openSync(plainPath(root, tail.ref.name), "a");
        writer.open.set(signal, { ref: tail.ref, fd, lines: tail.lines, bytes: tail.bytes });
      } else {
        writer.seal(tail.ref.name);
      }
    }
    return writer;
  }

  /** Bytes of the segment files on disk (measured; the pipeline caches it for a few seconds). */
  storedBytes(): number {
    return archiveDiskBytes(this.root);
  }

  /** Names of the segments currently open for appending. */
  openSegmentNames(): Set<string> {
    return new Set([...this.open.values()].map((segment) => segment.ref.name));
  }

  private get segmentBytes(): number {
    return this.options.segmentBytes ?? SEGMENT_BYTES;
  }

  /** Resolves once the line is in the archive; rejects with ArchiveUnavailableError if it cannot be. */
  append(signal: Signal, line: string): Promise<ArchivePosition> {
    return new Promise((resolve, reject) => {
      this.pending.push({ signal, line: Buffer.from(line + "\n"), resolve, reject });
      if (this.pending.length === 1 && !this.flushing) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending;
        this.pending = [];
        for (const signal of SIGNALS) {
          const items = batch.filter((item) => item.signal === signal);
          if (items.length > 0) await this.writeBatch(signal, items);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private async writeBatch(signal: Signal, items: Pending[]): Promise<void> {
    let segment: OpenSegment;
    try {
      segment = this.segmentFor(signal);
    } catch (error) {
      this.fail(items, error);
      return;
    }
    const positions: ArchivePosition[] = [];
    for (const [i, item] of items.entries()) {
      positions.push({ segment: segment.ref.name, line: segment.lines + i, bytes: item.line.length });
    }
    const data = Buffer.concat(items.map((item) => item.line));
    try {
      writeFully(segment.fd, data);
      if (this.options.fsync) await fdatasync(segment.fd);
    } catch (error) {
      this.undoPartialWrite(signal, segment);
      this.fail(items, error);
      return;
    }
    this.lastError = null;
    segment.lines += items.length;
    segment.bytes += data.length;
    items.forEach((item, i) => item.resolve(positions[i]!));
    if (segment.bytes >= this.segmentBytes) this.close(signal);
  }

  private fail(items: Pending[], cause: unknown): void {
    const error = new ArchiveUnavailableError(cause);
    this.lastError = error.message;
    for (const item of items) item.reject(error);
  }

  /** A failed write may have left part of a line: cut the file back, or abandon the segment if we can't. */
  private undoPartialWrite(signal: Signal, segment: OpenSegment): void {
    try {
      fs.ftruncateSync(segment.fd, segment.bytes);
    } catch {
      fs.closeSync(segment.fd);
      this.open.delete(signal); // recovery trims the torn tail at the next start
    }
  }

  private segmentFor(signal: Signal): OpenSegment {
    const today = utcDay(Date.now());
    const current = this.open.get(signal);
    if (current && current.ref.day === today) return current;
    if (current) this.close(signal);
    const seq = this.nextSeq[signal]++;
    const ref: SegmentRef = { name: segmentName(signal, today, seq), signal, day: today, seq };
    const file = plainPath(this.root, ref.name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const fd = fs.openSync(file, "a");
    const segment = { ref, fd, lines: 0, bytes: 0 };
    this.open.set(signal, segment);
    return segment;
  }

  private close(signal: Signal): void {
    const segment = this.open.get(signal);
    if (!segment) return;
    this.open.delete(signal);
    fs.closeSync(segment.fd);
    this.seal(segment.ref.name);
  }

  /** Compresses in the background, one segment at a time; a failure leaves the plain file for next start. */
  private seal(name: string): void {
    this.compressing = this.compressing
      .then(() => compressSegment(this.root, name))
      .then(
        () => this.options.onSealed?.(name),
        (error: unknown) => console.error(`tracemark: compressing archive segment ${name} failed:`, error),
      );
  }

  /** Resolves once every append made so far is written (or failed). */
  async drain(): Promise<void> {
    while (this.flushing || this.pending.length > 0) {
      await (this.flushing ? new Promise((resolve) => setTimeout(resolve, 5)) : this.flush());
    }
  }

  /** Writes what is pending and waits for background compression; open tails stay plain (see docs). */
  async shutdown(): Promise<void> {
    await this.flush();
    for (const segment of this.open.values()) fs.closeSync(segment.fd);
    this.open.clear();
    await this.compressing;
  }
}

function writeFully(fd: number, data: Buffer): void {
  let offset = 0;
  while (offset < data.length) offset += fs.writeSync(fd, data, offset, data.length - offset);
}

function fdatasync(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fs.fdatasync(fd, (error) => (error ? reject(error) : resolve())));
}
