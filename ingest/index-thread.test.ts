// The index thread as the server runs it (the real worker entry, its own connection): everything received is
// indexed and built, and a worker that dies is replaced from the archive without losing an acknowledged
// request, while requests arriving meanwhile are refused as retryable.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, expect, test } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { getIndexTotals } from "@/db/queries/totals";
import { sqliteStoreOf } from "@/db/store-sqlite";
import { countSessions } from "@/db/queries/sessions";
import { fixtureFolders, receiveInputOf } from "@/e2e/support/fixture-bodies";
import { sendRetrying, startIndexThreadPipeline } from "@/e2e/support/index-thread";
import type { IndexThread } from "./index-thread";
import type { Pipeline } from "./pipeline";
import type { ReceiveInput } from "./receiver";

let dataDir = "";
let pipeline: Pipeline<IndexThread> | null = null;

afterEach(async () => {
  await pipeline?.shutdown();
  pipeline = null;
  closeDb();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function open(): Promise<Pipeline<IndexThread>> {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tracemark-index-thread-"));
  getDb(dataDir); // migrated here first, as server.ts does
  pipeline = await startIndexThreadPipeline(dataDir, null);
  return pipeline;
}

const inputs: ReceiveInput[] = fixtureFolders().flatMap((folder) => folder.bodies.map(receiveInputOf));

const workerOf = (target: Pipeline<IndexThread>): { threadId: number; terminate(): Promise<number> } =>
  (target.indexer as unknown as { worker: { threadId: number; terminate(): Promise<number> } }).worker;

async function totalsAfterAll(send: (target: Pipeline<IndexThread>) => Promise<void>): Promise<{
  totals: Awaited<ReturnType<typeof getIndexTotals>>;
  sessions: number;
}> {
  const target = await open();
  await send(target);
  await target.indexer.whenIdle();
  const db = getDb(dataDir);
  return {
    totals: await getIndexTotals({ store: sqliteStoreOf(db) }),
    sessions: await countSessions({ store: sqliteStoreOf(db), filter: {} }),
  };
}

test("a worker that dies mid-stream is replaced and catches up: the index equals an undisturbed run", async () => {
  const undisturbed = await totalsAfterAll(async (target) => {
    for (const input of inputs) await target.receiver.receive(input);
  });
  await pipeline!.shutdown();
  pipeline = null;
  closeDb();
  expect(undisturbed.totals.log_records).toBeGreaterThan(0);
  expect(undisturbed.sessions).toBeGreaterThan(0);

  let before = -1;
  const crashed = await totalsAfterAll(async (target) => {
    const half = Math.floor(inputs.length / 2);
    for (const input of inputs.slice(0, half)) await target.receiver.receive(input);
    // the worker dies with requests still queued for it (posted but not indexed)
    const worker = workerOf(target);
    before = worker.threadId;
    await worker.terminate();
    for (const input of inputs.slice(half)) await sendRetrying(target, input);
  });
  expect(crashed.totals).toEqual(undisturbed.totals);
  expect(crashed.sessions).toBe(undisturbed.sessions);
  expect(pipeline!.indexer.lastError).toBeNull();
  expect(workerOf(pipeline!).threadId).not.toBe(before); // a new worker did the catch-up
}, 120_000);
