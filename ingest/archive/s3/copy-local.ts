// Copies a local archive (`<data>/archive`) into a bucket archive in the bucket's layout (`npm run migrate
// --archive`): each local segment becomes the closed segment of the same signal, day and sequence number
// under this data dir's replica id, so its lines keep their numbers and the index's progress carries over by
// renaming. A local `.jsonl.zst` is already a closed segment's frame and is copied as it
// is; a plain segment (the one open when the server stopped) is compressed as local compaction would.
import fs from "node:fs";
import { compress } from "@mongodb-js/zstd/bindings";
import { listSegments, plainPath, SIGNALS, zstdPath, type SegmentRef } from "../layout";
import type { Bucket } from "./bucket";
import { bucketSegment, segmentKey } from "./keys";

/** As a local segment's compression (ingest/archive/compress.ts says why). */
const SEGMENT_ZSTD_LEVEL = 6;

export interface CopiedSegment {
  /** The local segment's name (what the SQLite index stores). */
  from: string;
  /** Its name in the bucket (what the index must store in team mode). */
  to: string;
  bytes: number;
  /** Already in the bucket with the same bytes (a second run after a failure): not written again. */
  present: boolean;
}

/** The closed-segment frame of a local segment: the `.jsonl.zst` itself, or the plain file's complete lines. */
async function frameOf(root: string, ref: SegmentRef): Promise<Buffer> {
  const zst = zstdPath(root, ref.name);
  if (fs.existsSync(zst)) return fs.promises.readFile(zst);
  const plain = await fs.promises.readFile(plainPath(root, ref.name));
  // a torn last line (a crash mid-append) was never acknowledged; the next local start would cut it too
  return compress(plain.subarray(0, plain.lastIndexOf(0x0a) + 1), SEGMENT_ZSTD_LEVEL);
}

/**
 * PUTs every local segment as a closed segment of `replica`. A key that already holds other bytes is
 * refused, never overwritten (it is another writer's object); one holding the same bytes is left as it is.
 */
export async function copyLocalArchive(
  root: string,
  bucket: Bucket,
  replica: string,
): Promise<CopiedSegment[]> {
  const copied: CopiedSegment[] = [];
  for (const signal of SIGNALS) {
    for (const ref of listSegments(root, signal)) {
      const target = bucketSegment(ref.signal, ref.day, ref.seq, replica);
      const key = segmentKey(target);
      const frame = await frameOf(root, ref);
      const existing = await bucket.get(key);
      if (existing !== null && !existing.equals(frame))
        throw new Error(`${bucket.url(key)} already exists with other content: not overwritten`);
      if (existing === null) await bucket.put(key, frame);
      copied.push({ from: ref.name, to: target.name, bytes: frame.length, present: existing !== null });
    }
  }
  return copied;
}
