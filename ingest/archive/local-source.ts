// The local archive folder (`<data>/archive`) as an ArchiveSource: what catch-up, reindex, retention and
// doctor read. One stream (this data dir's writer); a damaged file is unreadable as a whole.
import fs from "node:fs";
import type { Signal } from "@/db/telemetry";
import { listSegments, plainPath, zstdPath } from "./layout";
import { readSegment } from "./reader";
import type { ArchiveSource, SegmentData, SourceSegment } from "./store";

export class LocalArchiveSource implements ArchiveSource {
  constructor(readonly location: string) {}

  listSegments(signal: Signal): Promise<SourceSegment[]> {
    return Promise.resolve(listSegments(this.location, signal).map((ref) => ({ ...ref, stream: "" })));
  }

  async readSegment(name: string): Promise<SegmentData> {
    return { data: await readSegment(this.location, name), damaged: [] };
  }

  describe(name: string): string {
    const zst = zstdPath(this.location, name);
    return fs.existsSync(zst) ? zst : plainPath(this.location, name);
  }

  deleteSegment(name: string): Promise<void> {
    fs.rmSync(zstdPath(this.location, name), { force: true });
    fs.rmSync(plainPath(this.location, name), { force: true });
    return Promise.resolve();
  }
}
