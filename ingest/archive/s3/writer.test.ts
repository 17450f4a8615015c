// The bucket appender against a real S3-compatible server (s3rver, e2e/support/s3-server.ts): group commit,
// positions, compaction on shutdown and at the next start, and the source reading it all back.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startS3, useS3InThisProcess, type TestS3 } from "@/e2e/support/s3-server";
import { segmentLines } from "../reader";
import { Bucket } from "./bucket";
import { BucketArchiveSource } from "./source";
import { BucketWriter } from "./writer";

let s3: TestS3;
let bucket: (prefix: string) => Bucket;
beforeAll(async () => {
  s3 = await startS3();
  useS3InThisProcess(s3);
  bucket = (prefix) =>
    Bucket.open({ url: `s3://${s3.bucket}/${prefix}`, bucket: s3.bucket, prefix, pathStyle: true });
});
afterAll(async () => {
  await s3.close();
});

async function readAll(prefix: string, signal: "logs" | "traces"): Promise<string[]> {
  const source = new BucketArchiveSource(bucket(prefix));
  const texts: string[] = [];
  for (const ref of (await source.listSegments(signal)).sort((a, b) => a.seq - b.seq)) {
    for (const { text } of segmentLines((await source.readSegment(ref.name)).data)) texts.push(text);
  }
  return texts;
}

test("appends in the same tick share one pending object; positions are consecutive; shutdown compacts", async () => {
  const writer = await BucketWriter.create(bucket("group"), "r1");
  const lines = Array.from({ length: 20 }, (_, i) => JSON.stringify({ i }));
  const positions = await Promise.all(lines.map((line) => writer.append("logs", line)));
  expect(positions.map((p) => p.line)).toEqual(lines.map((_, i) => i));
  expect(new Set(positions.map((p) => p.segment))).toEqual(new Set([positions[0]!.segment]));
  const pending = await s3.list("group/pending/r1/logs/");
  expect(pending.length).toBeGreaterThanOrEqual(1);
  expect(pending.length).toBeLessThan(lines.length); // grouped: fewer PUTs than requests
  expect(await readAll("group", "logs")).toEqual(lines); // readable while still pending
  await writer.shutdown();
  expect(await s3.list("group/pending/")).toEqual([]);
  expect(await s3.list("group/logs/")).toEqual([`group/${positions[0]!.segment}.jsonl.zst`]);
  expect(await readAll("group", "logs")).toEqual(lines);
});

test("what a killed run left pending is compacted at the next start, which opens a new segment", async () => {
  const first = await BucketWriter.create(bucket("restart"), "r2");
  const a = await first.append("traces", '{"a":1}');
  // no shutdown: as after kill -9, the open segment is only in pending objects
  const second = await BucketWriter.create(bucket("restart"), "r2");
  expect(await s3.list("restart/pending/")).toEqual([]);
  const b = await second.append("traces", '{"b":2}');
  expect(b.segment).not.toBe(a.segment);
  await second.shutdown();
  expect(await readAll("restart", "traces")).toEqual(['{"a":1}', '{"b":2}']);
});

test("a failed PUT rejects its appends and closes the segment; the next append goes to a new one", async () => {
  const writer = await BucketWriter.create(bucket("fail"), "r3");
  const ok = await writer.append("logs", '{"ok":1}');
  await s3.stop();
  await expect(writer.append("logs", '{"lost":1}')).rejects.toThrow(/archive not writable: .*unreachable/);
  expect(writer.lastError).toMatch(/unreachable/);
  await s3.start();
  const after = await writer.append("logs", '{"ok":2}');
  expect(after.segment).not.toBe(ok.segment);
  expect(writer.lastError).toBeNull();
  await writer.shutdown();
  expect(await readAll("fail", "logs")).toEqual(['{"ok":1}', '{"ok":2}']);
});

test("the replica id is made once per data dir", async () => {
  const { replicaId } = await import("../open");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tracemark-replica-"));
  try {
    const id = replicaId(dir);
    expect(id).toMatch(/^[a-z0-9]{12}$/);
    expect(replicaId(dir)).toBe(id);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
