// The archive on an S3-compatible bucket (a real one: s3rver, e2e/support/s3-server.ts): every capture
// replayed through the real endpoints gives the same API output as the local archive; the bucket holds the
// same zstd JSONL a local archive does (one object, `zstd -d`, the same requests); `npm run reindex` into a
// new data dir from the bucket gives the same sessions again.
import fs from "node:fs";
import { afterAll, beforeAll, expect, test } from "vitest";
import { readArchive } from "../support/archive";
import { apiSnapshot } from "../support/api-snapshot";
import { readBucketArchive } from "../support/bucket-archive";
import { listCaptureFolders, replayCapture } from "../support/replay";
import { startS3, type TestS3 } from "../support/s3-server";
import { runScriptAsync } from "../support/scripts";
import { startServer, tempDataDir, type TestServer } from "../support/server";

// Odd characters a prefix may hold (spaces, plus, percent, non-ASCII): taken literally as part of the keys.
const PREFIX = "team a/arch+ive %20é";
let s3: TestS3;
const dirs: string[] = [];
const running = new Set<TestServer>();

beforeAll(async () => {
  s3 = await startS3();
});
afterAll(async () => {
  await Promise.all([...running].map((server) => server.stop()));
  await s3.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

async function serve(env: Record<string, string>, dataDir = tempDataDir()): Promise<TestServer> {
  dirs.push(dataDir);
  const server = await startServer({ dataDir, env });
  running.add(server);
  return server;
}

async function stop(server: TestServer): Promise<void> {
  await server.stop();
  running.delete(server);
}

async function replayAll(server: TestServer): Promise<void> {
  for (const folder of listCaptureFolders()) await replayCapture(folder, server);
}

test("every capture on a bucket archive: same API output as local, same segments, same after reindex", async () => {
  const local = await serve({});
  const bucket = await serve(s3.env(PREFIX));
  await Promise.all([replayAll(local), replayAll(bucket)]);
  const expected = await apiSnapshot(local.ui);
  expect(expected.sessions.length).toBeGreaterThan(10);
  expect(await apiSnapshot(bucket.ui)).toEqual(expected);
  await stop(local);
  await stop(bucket); // a clean stop compacts every open segment: nothing stays pending

  const keys = await s3.list(`${PREFIX}/`);
  expect(keys.filter((key) => key.includes("/pending/"))).toEqual([]);
  expect(keys.filter((key) => key.endsWith(".jsonl.zst")).length).toBeGreaterThanOrEqual(3);
  for (const signal of ["logs", "traces", "metrics"]) {
    const archived = (await readArchive(local.dataDir, signal)).map((line) => line.request);
    const inBucket = (await readBucketArchive(s3, PREFIX, signal)).map((line) => line.request);
    expect(inBucket, signal).toEqual(archived);
  }

  // Reindex into a data dir that has never seen this archive, then serve it.
  const fresh = tempDataDir();
  dirs.push(fresh);
  const reindex = await runScriptAsync("reindex", fresh, s3.env(PREFIX));
  expect(reindex.output).toMatch(/reindexed \d+ archived requests/);
  expect(reindex.status, reindex.output).toBe(0);
  const rebuilt = await serve(s3.env(PREFIX), fresh);
  expect(await apiSnapshot(rebuilt.ui)).toEqual(expected);
}, 400_000);
