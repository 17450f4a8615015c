// The two seams every archive has, whatever holds it (a local folder, an S3-compatible bucket): the appender
// the receiver acknowledges through, and the source the index's catch-up, reindex and retention read.
import type { Signal } from "@/db/telemetry";

export interface ArchivePosition {
  segment: string;
  line: number;
  bytes: number;
}

/** The archive cannot take writes (disk full, bucket unreachable or refusing): retryable, answered 503. */
export class ArchiveUnavailableError extends Error {
  constructor(readonly cause: unknown) {
    super(`archive not writable: ${(cause as Error).message ?? String(cause)}`);
  }
}

/** Where the receiver appends: `append` resolves only once the line is durable in the store. */
export interface ArchiveAppender {
  /** Resolves once the line is in the archive; rejects with ArchiveUnavailableError if it cannot be. */
  append(signal: Signal, line: string): Promise<ArchivePosition>;
  /** Resolves once every append made so far is durable (or failed). */
  drain(): Promise<void>;
  /** Writes what is pending and finishes background work (compression, compaction). */
  shutdown(): Promise<void>;
  /** Names of the segments being appended to (retention never deletes them). */
  openSegmentNames(): Set<string>;
  /** Why the last write failed, until one succeeds again (UI banner, /api/stats). */
  readonly lastError: string | null;
  /** Bytes the archive takes in its store (an estimate that may lag by seconds). */
  storedBytes(): number;
}

/** A segment as the catch-up sees it. Segments of one `stream` were appended in `seq` order by one writer. */
export interface SourceSegment {
  name: string;
  signal: Signal;
  day: string;
  seq: number;
  /** The writer the segment came from: "" for a local folder, the replica id in a bucket. */
  stream: string;
  /** What the store lists of it (a bucket's objects and sizes): changes while it grows or is compacted. */
  listing?: string;
}

export interface SegmentData {
  data: Buffer;
  /** Parts that could not be read (named as `describe` names them); their lines are kept as blank lines so
   * the line numbers of the rest stay those the index knows. */
  damaged: string[];
}

/** Where the catch-up, reindex, retention and doctor read archived segments from. */
export interface ArchiveSource {
  /** `data/archive` or `s3://bucket/prefix`, for messages. */
  readonly location: string;
  /** Every segment of a signal, in append order within each stream. */
  listSegments(signal: Signal): Promise<SourceSegment[]>;
  /** A segment's JSONL; throws when the whole segment is unreadable. */
  readSegment(name: string): Promise<SegmentData>;
  /** Where a segment is, for messages (a file path or an s3:// address). */
  describe(name: string): string;
  /** Retention: removes a closed segment. */
  deleteSegment(name: string): Promise<void>;
}
