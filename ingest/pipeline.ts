// Assembles the ingest pipeline over a data dir: repair the archive (local folder or bucket, ./archive/open.ts), open the index (which first catches up
// with what the archive has and the index has not), then hand out the Receiver that the OTLP listeners call.
// The index runs in this thread (`indexInProcess`: scripts) or in the index thread (server.ts).
import type { Store } from "@/db/store";
import { openArchive } from "./archive/open";
import type { BucketLocation } from "./archive/s3/bucket";
import type { ArchiveAppender, ArchiveSource } from "./archive/store";
import { catchUp } from "./catch-up";
import { Indexer, type IndexedChange, type IndexSink, type SessionKeyOf } from "./indexer";
import { Receiver } from "./receiver";

export interface Pipeline<Sink extends IndexSink = IndexSink> {
  archive: ArchiveAppender;
  indexer: Sink;
  receiver: Receiver;
  /** Archive bytes in its store, re-measured at most every few seconds. */
  archiveBytes(): number;
  shutdown(): Promise<void>;
}

const ARCHIVE_SIZE_TTL_MS = 2_000;

/** Opens the index for a repaired archive; resolves once it has caught up with it. */
export type OpenIndex<Sink extends IndexSink> = (
  archive: ArchiveAppender,
  source: ArchiveSource,
) => Promise<Sink>;

export async function startPipeline<Sink extends IndexSink>(options: {
  dataDir: string;
  /** The archive in a bucket (TRACEMARK_ARCHIVE_URL); null: `<data>/archive`. */
  bucket: BucketLocation | null;
  fsync: boolean;
  /** Bytes of acknowledged requests that may wait for the indexer (see Receiver). */
  maxBacklogBytes?: number;
  openIndex: OpenIndex<Sink>;
}): Promise<Pipeline<Sink>> {
  const { appender: archive, source } = await openArchive(
    { dataDir: options.dataDir, bucket: options.bucket },
    { fsync: options.fsync },
  );
  const indexer = await options.openIndex(archive, source);
  let measured = { at: 0, bytes: 0 };
  return {
    archive,
    indexer,
    receiver: new Receiver(archive, indexer, options.maxBacklogBytes),
    archiveBytes() {
      if (Date.now() - measured.at > ARCHIVE_SIZE_TTL_MS)
        measured = { at: Date.now(), bytes: archive.storedBytes() };
      return measured.bytes;
    },
    async shutdown() {
      await archive.shutdown();
      await indexer.stop();
    },
  };
}

/** The index in this thread, on `store` (scripts that own the data dir: import, tests). */
export function indexInProcess(
  store: Store,
  onIndexed: (change: IndexedChange) => void,
  sessionKeyOf: SessionKeyOf,
): OpenIndex<Indexer> {
  return async (_archive, source) => {
    const indexer = new Indexer(store, onIndexed, sessionKeyOf);
    await catchUp(indexer, source);
    return indexer;
  };
}
