// The data dir lock (<data>/server.pid): a live server refuses a second one; a stale file never refuses a start,
// whether its pid is dead, a zombie (exited, never reaped), or reused by an unrelated live process.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { startServer, tempDataDir } from "../support/server";
import { waitFor } from "../support/sessions";

const dirs: string[] = [];
const helpers: ChildProcess[] = [];
afterAll(() => {
  for (const helper of helpers) helper.kill("SIGKILL");
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function dataDirWithLock(content: string): string {
  const dir = tempDataDir("tracemark-lock-");
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, "server.pid"), content);
  return dir;
}

async function expectStartsAndOwnsLock(dataDir: string): Promise<void> {
  const server = await startServer({ dataDir, ui: false });
  try {
    expect(fs.readFileSync(path.join(dataDir, "server.pid"), "utf8").split(/\s+/)[0]).toBe(
      String(server.process.pid),
    );
  } finally {
    await server.stop();
  }
  expect(fs.existsSync(path.join(dataDir, "server.pid")), "a clean stop removes the lock").toBe(false);
}

const procState = (pid: number): string | null => {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
  } catch {
    return null;
  }
};

test("a stale lock of a dead pid does not refuse the start", async () => {
  const dead = spawn(process.execPath, ["-e", ""]);
  await new Promise((resolve) => dead.once("exit", resolve));
  await expectStartsAndOwnsLock(dataDirWithLock(String(dead.pid)));
}, 120_000);

test.skipIf(!fs.existsSync("/proc/self/stat"))(
  "a stale lock of a zombie pid does not refuse the start",
  async () => {
    // `sleep 0` becomes a child of `sleep 600` (exec replaces the shell), which never reaps it: a zombie.
    const parent = spawn("sh", ["-c", "sleep 0 & echo $!; exec sleep 600"], {
      stdio: ["ignore", "pipe", "ignore"],
    });
    helpers.push(parent);
    const zombie = Number(
      await new Promise<string>((resolve) =>
        parent.stdout.once("data", (chunk: Buffer) => resolve(chunk.toString().trim())),
      ),
    );
    await waitFor(
      `pid ${zombie} to be a zombie`,
      () => Promise.resolve(procState(zombie)),
      (state) => state === "Z",
    );
    await expectStartsAndOwnsLock(dataDirWithLock(String(zombie)));
  },
  120_000,
);

test.skipIf(!fs.existsSync("/proc/self/stat"))(
  "a lock whose pid now belongs to another process does not refuse the start",
  async () => {
    const other = spawn("sleep", ["600"], { stdio: "ignore" });
    helpers.push(other);
    // The lock records the holder's start time: this live pid is not the process that wrote it.
    await expectStartsAndOwnsLock(dataDirWithLock(`${other.pid} 1`));
  },
  120_000,
);

test("a live server refuses a second one on the same data dir", async () => {
  const first = await startServer({ ui: false });
  dirs.push(first.dataDir);
  try {
    await expect(startServer({ dataDir: first.dataDir, ui: false })).rejects.toThrow(
      new RegExp(`another tracemark \\(pid ${first.process.pid}\\)`),
    );
  } finally {
    await first.stop();
  }
}, 120_000);
