// Reading and compacting a bucket archive's segments. A segment is either closed (one zstd frame, like a
// local `.jsonl.zst`) or open: the pending objects its group commits PUT, which joined in line order are
// its JSONL. Compaction PUTs the closed segment first and only then deletes the pending objects, so a crash
// in between leaves the lines twice (the closed segment wins; the index keys requests by body hash), never
// a gap.
import { compress } from "@mongodb-js/zstd/bindings";
import { decompress } from "@mongodb-js/zstd";
import type { Bucket } from "./bucket";
import { parsePendingKey, pendingDir, segmentKey, type BucketSegment } from "./keys";

/** Same level as a local segment's compression (ingest/archive/compress.ts says why). */
const SEGMENT_ZSTD_LEVEL = 6;

export interface OpenSegmentData {
  data: Buffer;
  /** s3:// addresses of pending objects that could not be read. */
  damaged: string[];
  /** Their keys, relative to the prefix. */
  keys: string[];
  /** Their total size in the bucket. */
  compressedBytes: number;
}

/**
 * An open segment's JSONL from its pending objects, or "closed" when one vanished while being read (another
 * process compacted it: read the closed segment instead). A damaged object's lines become blank lines (as
 * many as the next object's first line says), so the following lines keep the numbers the index knows.
 */
export async function readOpenSegment(
  bucket: Bucket,
  ref: BucketSegment,
): Promise<OpenSegmentData | "closed"> {
  const parts = (await bucket.list(pendingDir(ref)))
    .map((object) => ({ rel: object.rel, firstLine: parsePendingKey(object.rel)?.firstLine ?? -1 }))
    .filter((part) => part.firstLine >= 0)
    .sort((a, b) => a.firstLine - b.firstLine);
  const chunks: Buffer[] = [];
  const damaged: string[] = [];
  let compressedBytes = 0;
  for (const [i, part] of parts.entries()) {
    const raw = await bucket.get(part.rel);
    if (raw === null) return "closed";
    compressedBytes += raw.length;
    try {
      chunks.push(await decompress(raw));
    } catch (error) {
      damaged.push(`${bucket.url(part.rel)} (${(error as Error).message})`);
      const next = parts[i + 1];
      chunks.push(Buffer.from("\n".repeat(next ? Math.max(0, next.firstLine - part.firstLine) : 0)));
    }
  }
  return { data: Buffer.concat(chunks), damaged, keys: parts.map((part) => part.rel), compressedBytes };
}

/** A segment's JSONL, closed or open. */
export async function readBucketSegment(
  bucket: Bucket,
  ref: BucketSegment,
): Promise<{ data: Buffer; damaged: string[] }> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const closed = await bucket.get(segmentKey(ref));
    if (closed !== null) return { data: await decompress(closed), damaged: [] };
    const open = await readOpenSegment(bucket, ref);
    if (open !== "closed") return open;
  }
  throw new Error(`segment ${ref.name} kept changing while being read`);
}

/**
 * Rolls a segment's pending objects into its closed segment (PUT first, then delete them). A segment with a
 * damaged pending object is left as it is (reported; its objects kept for inspection). Returns the
 * bytes the bucket gained (negative: lost) by it.
 */
export async function compactSegment(bucket: Bucket, ref: BucketSegment): Promise<number> {
  if (await bucket.exists(segmentKey(ref))) {
    // A crash after the PUT: the closed segment holds every line of these already.
    let removed = 0;
    for (const object of await bucket.list(pendingDir(ref))) {
      await bucket.delete(object.rel);
      removed += object.size;
    }
    return -removed;
  }
  const open = await readOpenSegment(bucket, ref);
  if (open === "closed" || open.keys.length === 0) return 0;
  if (open.damaged.length > 0) {
    console.error(
      `tracemark: archive segment ${ref.name} stays in its pending objects: ${open.damaged.join("; ")} cannot be read`,
    );
    return 0;
  }
  const frame = await compress(open.data, SEGMENT_ZSTD_LEVEL);
  await bucket.put(segmentKey(ref), frame);
  for (const key of open.keys) await bucket.delete(key);
  return frame.length - open.compressedBytes;
}
