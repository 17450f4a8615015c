// Picks the archive's store from the configuration: the local folder `<data>/archive` (the default) or an
// S3-compatible bucket (TRACEMARK_ARCHIVE_URL). Everything else sees only the two seams of ./store.ts. The
// bucket's modules (and the AWS SDK, ~1 s to load) are loaded only when a bucket is configured, so the local
// default starts as fast as before.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { archiveRoot } from "./layout";
import { LocalArchiveSource } from "./local-source";
import type { BucketLocation } from "./s3/bucket";
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
  const { Bucket } = await import("./s3/bucket");
  const { BucketWriter } = await import("./s3/writer");
  const appender = await BucketWriter.create(Bucket.open(setting.bucket), replicaId(setting.dataDir));
  return { appender, source: await openArchiveSource(setting) };
}

/** The archive to read (catch-up in the index thread, reindex, doctor). */
export async function openArchiveSource(setting: ArchiveSetting): Promise<ArchiveSource> {
  if (!setting.bucket) return new LocalArchiveSource(archiveRoot(setting.dataDir));
  const { Bucket } = await import("./s3/bucket");
  const { BucketArchiveSource } = await import("./s3/source");
  return new BucketArchiveSource(Bucket.open(setting.bucket));
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
