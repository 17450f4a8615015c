// Reads a bucket archive back the way a person would with `aws s3 cp` and `zstd -dc`: every line of every
// closed segment and pending object of a signal under a prefix (a line can be in both for a moment: a
// compaction between its PUT and its deletes).
import { decompress } from "@mongodb-js/zstd";
import type { ArchivedLine } from "./archive";
import type { TestS3 } from "./s3-server";

export async function readBucketArchive(s3: TestS3, prefix: string, signal: string): Promise<ArchivedLine[]> {
  const base = prefix ? `${prefix}/` : "";
  const keys = (await s3.list(base)).filter((key) => {
    const rel = key.slice(base.length);
    return rel.endsWith(".jsonl.zst") && (rel.startsWith(`${signal}/`) || rel.split("/")[2] === signal);
  });
  const lines: ArchivedLine[] = [];
  for (const key of keys.sort()) {
    const text = (await decompress(await s3.get(key))).toString("utf8");
    for (const line of text.split("\n")) if (line) lines.push(JSON.parse(line) as ArchivedLine);
  }
  return lines;
}
