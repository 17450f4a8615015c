import os from "node:os";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";

// The function runs in a real worker thread, as the index thread calls it; the test thread must stay as it was.
const WORKER = `
const { parentPort } = require("node:worker_threads");
const fs = require("node:fs");
const os = require("node:os");
require("tsx/cjs/api").register();
const { lowerThreadPriority } = require(${JSON.stringify(`${import.meta.dirname}/thread-priority.ts`)});
const applied = lowerThreadPriority(10);
const threadId = Number(fs.readlinkSync("/proc/thread-self").split("/").pop());
parentPort.postMessage({ applied, nice: os.getPriority(threadId) });
`;

describe.runIf(process.platform === "linux")("lowerThreadPriority", () => {
  it("lowers the calling thread only", async () => {
    const before = os.getPriority(process.pid);
    const worker = new Worker(WORKER, { eval: true });
    const result = await new Promise<{ applied: boolean; nice: number }>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
    await worker.terminate();
    expect(result).toEqual({ applied: true, nice: Math.max(10, before) });
    expect(os.getPriority(process.pid)).toBe(before);
  });
});
