// Picks the archive's store from the configuration: the local folder `<data>/archive` (the default) or an
// S3-compatible bucket (TRACEMARK_ARCHIVE_URL). Everything else sees only the two seams of ./store.ts.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { archiveRoot } from "./layout";
import { LocalArchiveSource } from "./local-source";
import { Bucket, type BucketLocation } from "./s3/bucket";
import { BucketArchiveSource } from "./s3/source";
import { BucketWriter } from "./s3/writer";
import type { ArchiveAppender, ArchiveSource } from "./store";
import { ArchiveWriter } from "./writer";

export interface ArchiveSetting {
  dataDir: string;
  bucket: BucketLocation | null;
}

export interface OpenedArchive {
  appender: ArchiveAppender;
  source: ArchiveSource;
}

/** Repairs (local) or checks and compacts (bucket) the archive, then opens it for appending. A bucket that
 * cannot be used throws a BucketError whose message names the setting to fix. */
export async function openArchive(
  setting: ArchiveSetting,
  options: { fsync: boolean },
): Promise<OpenedArchive> {
  if (!setting.bucket) {
    const root = archiveRoot(setting.dataDir);
    return { appender: await ArchiveWriter.create(root, options), source: new LocalArchiveSource(root) };
  }
  const bucket = Bucket.open(setting.bucket);
  const appender = await BucketWriter.create(bucket, replicaId(setting.dataDir));
  return { appender, source: new BucketArchiveSource(Bucket.open(setting.bucket)) };
}

/** The archive to read (catch-up in the index thread, reindex, doctor). */
export function openArchiveSource(setting: ArchiveSetting): ArchiveSource {
  return setting.bucket
    ? new BucketArchiveSource(Bucket.open(setting.bucket))
    : new LocalArchiveSource(archiveRoot(setting.dataDir));
}

/** This data dir's writer id in a bucket's keys, made once and kept in `<data>/replica-id`, so processes
 * with their own data dirs never write the same key, and a restart resumes its own segment numbers. */
export function replicaId(dataDir: string): string {
  const file = path.join(dataDir, "replica-id");
  try {
    const id = fs.readFileSync(file, "utf8").trim();
    if (/^[a-z0-9]{4,32}$/.test(id)) return id;
  } catch {
    // first start: made below
  }
  const id = crypto.randomBytes(6).toString("hex");
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, id + "\n");
  return id;
}
