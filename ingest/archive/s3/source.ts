// A bucket archive as an ArchiveSource: what catch-up, reindex, retention and doctor read. Each replica's
// segments are one stream; a segment still in pending objects reads like a local open segment.
import type { Signal } from "@/db/telemetry";
import type { ArchiveSource, SegmentData, SourceSegment } from "../store";
import type { Bucket } from "./bucket";
import { parsePendingKey, parseSegmentKey, parseSegmentName, PENDING, segmentKey } from "./keys";
import { readBucketSegment } from "./segments";

export class BucketArchiveSource implements ArchiveSource {
  readonly location: string;

  constructor(private readonly bucket: Bucket) {
    this.location = bucket.url("").replace(/\/$/, "");
  }

  async listSegments(signal: Signal): Promise<SourceSegment[]> {
    const byName = new Map<string, SourceSegment>();
    const listings = new Map<string, string[]>();
    const note = (ref: SourceSegment, entry: string): void => {
      if (!byName.has(ref.name)) byName.set(ref.name, ref);
      listings.set(ref.name, [...(listings.get(ref.name) ?? []), entry]);
    };
    for (const object of await this.bucket.list(`${signal}/`)) {
      const ref = parseSegmentKey(object.rel);
      if (ref) note(ref, `closed:${object.size}`);
    }
    for (const object of await this.bucket.list(`${PENDING}/`)) {
      const pending = parsePendingKey(object.rel);
      if (pending?.segment.signal === signal) note(pending.segment, `${pending.firstLine}:${object.size}`);
    }
    return [...byName.values()].map((ref) => ({ ...ref, listing: listings.get(ref.name)!.sort().join(",") }));
  }

  async readSegment(name: string): Promise<SegmentData> {
    return readBucketSegment(this.bucket, this.ref(name));
  }

  describe(name: string): string {
    const ref = parseSegmentName(name);
    return ref ? this.bucket.url(segmentKey(ref)) : `${this.location}/${name}`;
  }

  /** Only closed segments: pending objects belong to a writer (or to a compaction that failed: kept). */
  async deleteSegment(name: string): Promise<void> {
    await this.bucket.delete(segmentKey(this.ref(name)));
  }

  private ref(name: string): NonNullable<ReturnType<typeof parseSegmentName>> {
    const ref = parseSegmentName(name);
    if (!ref) throw new Error(`${name} is not a bucket archive segment name`);
    return ref;
  }
}
