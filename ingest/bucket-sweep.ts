// Team mode's guarantee that an acknowledged request is indexed even when the replica that took it died before
// indexing it: every minute each replica lists the bucket's segments of ALL replicas (closed and pending) and
// indexes what the shared index's segment progress does not cover. Progress rows are keyed by segment name,
// which holds the writing replica's id, so replicas never fight over one; a line indexed by two (this sweep
// and its own replica) is one request, by body hash.
import { SIGNALS } from "./archive/layout";
import type { ArchiveSource } from "./archive/store";
import { byStream, firstUnfinished, indexSegment } from "./catch-up";
import type { Indexer } from "./indexer";

/** How often the bucket is listed (a LIST per signal and one of the pending objects: cheap). A dead replica's
 * lines wait at most about two of these. */
export const SWEEP_INTERVAL_MS = 60_000;

export class BucketSweep {
  /** Each segment's listing at the previous sweep: a segment is read only once it stopped changing (a live
   * replica's open segment grows; a compaction replaces its pending objects by the closed segment). */
  private previous = new Map<string, string>();
  /** The listing at which a segment was last read to its end: unchanged, there is nothing new in it. */
  private readonly swept = new Map<string, string>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private intervalMs = SWEEP_INTERVAL_MS;
  /** Why the last sweep failed (bucket or index unreachable), until one succeeds. */
  lastError: string | null = null;

  constructor(
    private readonly indexer: Indexer,
    private readonly source: ArchiveSource,
    /** This replica's id: its own lines are indexed by its own queue (and its next start's catch-up). */
    private readonly ownStream: string,
  ) {}

  /** Sweeps every `intervalMs` until stopped. */
  start(intervalMs = SWEEP_INTERVAL_MS): void {
    this.intervalMs = intervalMs;
    this.timer = setInterval(() => void this.sweep().catch(() => undefined), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** One sweep (none overlaps another); resolves with the requests it read. */
  sweep(): Promise<number> {
    this.running ??= this.sweepOnce()
      .then(
        (lines) => {
          this.lastError = null;
          return lines;
        },
        (error: unknown) => {
          this.lastError = `bucket sweep failed: ${(error as Error).message}`;
          console.error(`tracemark: ${this.lastError}; next sweep in ${this.intervalMs / 1000} s`);
          throw error;
        },
      )
      .finally(() => (this.running = null));
    return this.running;
  }

  private async sweepOnce(): Promise<number> {
    const progress = await this.indexer.segmentProgress();
    const listed = new Map<string, string>();
    let lines = 0;
    for (const signal of SIGNALS) {
      const refs = (await this.source.listSegments(signal)).filter((ref) => ref.stream !== this.ownStream);
      for (const ref of refs) listed.set(ref.name, ref.listing ?? "");
      for (const stream of byStream(refs)) {
        for (const ref of stream.slice(firstUnfinished(stream, progress))) {
          const listing = ref.listing ?? "";
          // Still changing: this segment and the stream's later ones wait (a stream is indexed in order).
          if (this.previous.get(ref.name) !== listing) break;
          if (this.swept.get(ref.name) === listing) continue;
          lines += await indexSegment(this.indexer, this.source, ref, progress.get(ref.name) ?? 0);
          this.swept.set(ref.name, listing);
        }
      }
    }
    this.previous = listed;
    for (const name of this.swept.keys()) if (!listed.has(name)) this.swept.delete(name);
    return lines;
  }
}
