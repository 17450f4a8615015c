// Assembles the ingest pipeline over a data dir: repair the archive, index what the index is missing, then
// hand out the Receiver that the OTLP listeners call. The caller decides what happens after indexing.
import type { Db } from "@/db/client";
import { archiveRoot } from "./archive/layout";
import { archiveDiskBytes } from "./archive/recovery";
import { ArchiveWriter } from "./archive/writer";
import { Indexer, type IndexedChange, type SessionKeyOf } from "./indexer";
import { Receiver } from "./receiver";

export interface Pipeline {
  archive: ArchiveWriter;
  indexer: Indexer;
  receiver: Receiver;
  /** Archive bytes on disk, re-measured at most every few seconds. */
  archiveBytes(): number;
  shutdown(): Promise<void>;
}

const ARCHIVE_SIZE_TTL_MS = 2_000;

export async function startPipeline(options: {
  db: Db;
  dataDir: string;
  fsync: boolean;
  /** Bytes of acknowledged requests that may wait for the indexer (see Receiver). */
  maxBacklogBytes?: number;
  onIndexed: (change: IndexedChange) => void;
  sessionKeyOf: SessionKeyOf;
}): Promise<Pipeline> {
  const root = archiveRoot(options.dataDir);
  const archive = await ArchiveWriter.create(root, { fsync: options.fsync });
  const indexer = new Indexer(options.db, options.onIndexed, options.sessionKeyOf);
  await indexer.catchUp(options.db, root);
  let measured = { at: 0, bytes: 0 };
  return {
    archive,
    indexer,
    receiver: new Receiver(archive, indexer, options.maxBacklogBytes),
    archiveBytes() {
      if (Date.now() - measured.at > ARCHIVE_SIZE_TTL_MS)
        measured = { at: Date.now(), bytes: archiveDiskBytes(root) };
      return measured.bytes;
    },
    async shutdown() {
      await archive.shutdown();
      await indexer.stop();
    },
  };
}
