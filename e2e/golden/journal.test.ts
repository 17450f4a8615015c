// The label journal (<data>/labels.jsonl) under damage: a torn tail from a crash is repaired before the next
// append (never swallowing it), a short write on a full disk is cut back and answered 503, and a missing or
// damaged journal is reported in the runtime status (the UI's storage banner) rather than silently replaced.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { runScript } from "../support/scripts";
import { settledStats, startServer, tempDataDir, type TestServer } from "../support/server";
import { getSession, postSessions, sessionIdOf } from "../support/sessions";

const dirs: string[] = [];
const isRoot = process.getuid?.() === 0; // mounting a tmpfs needs root (CI runs as root on this machine)
let mounted: string | null = null;
afterAll(() => {
  if (mounted) execFileSync("umount", ["-l", mounted]);
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const journal = (dataDir: string): string => path.join(dataDir, "labels.jsonl");

async function seed(server: TestServer, prefix: string, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => sessionIdOf(prefix, i));
  expect((await postSessions(server.otlpHttp, ids)).status).toBe(200);
  await settledStats(server);
  const turns: string[] = [];
  for (const id of ids) turns.push((await getSession(server.ui, id))!.turns[0]!.id);
  return turns;
}

function putLabel(server: TestServer, turnId: string, body: object): Promise<Response> {
  return fetch(`${server.ui}/api/turns/${turnId}/label`, {
    method: "PUT",
    headers: { "content-type": "application/json", origin: server.ui },
    body: JSON.stringify(body),
  });
}

async function labelOf(server: TestServer, sessionId: string): Promise<string | null> {
  const detail = await getSession(server.ui, sessionId);
  return (detail!.turns[0]!.label as { label: string | null }).label;
}

async function storageError(server: TestServer): Promise<string | null> {
  return ((await (await fetch(`${server.ui}/api/stats`)).json()) as { storage_error: string | null })
    .storage_error;
}

function expectCompleteLines(file: string): void {
  const text = fs.readFileSync(file, "utf8");
  expect(text.endsWith("\n"), `${file} ends with a complete line`).toBe(true);
  for (const line of text.split("\n").filter(Boolean))
    expect(() => JSON.parse(line) as unknown).not.toThrow();
}

function deleteIndex(dataDir: string): void {
  for (const file of ["index.sqlite", "index.sqlite-wal", "index.sqlite-shm"])
    fs.rmSync(path.join(dataDir, file), { force: true });
}

test("a torn last line is cut back before the next append, which survives a rebuild from the journal", async () => {
  let server = await startServer();
  const { dataDir } = server;
  dirs.push(dataDir);
  const [first, second] = await seed(server, "torn", 2);
  expect((await putLabel(server, first!, { label: "good" })).status).toBe(200);
  await server.stop();
  fs.appendFileSync(journal(dataDir), '{"v":1,"at":17,"by":"crash","target_type":"tu'); // a crash mid-append

  server = await startServer({ dataDir });
  expect((await putLabel(server, second!, { label: "bad", note: "after the crash" })).status).toBe(200);
  await server.stop();
  expectCompleteLines(journal(dataDir));
  expect(fs.readFileSync(path.join(dataDir, "labels.jsonl.torn"), "utf8")).toContain('"by":"crash"');
  fs.appendFileSync(journal(dataDir), '{"v":1,"at":18,"by":"crash again"'); // doctor names a torn tail too
  expect(runScript("doctor", dataDir).output).toMatch(/label journal ends in a torn line \(\d+ bytes/);

  deleteIndex(dataDir); // labels now come back from the journal alone
  server = await startServer({ dataDir });
  try {
    await settledStats(server);
    expect(await labelOf(server, sessionIdOf("torn", 0))).toBe("good");
    expect(await labelOf(server, sessionIdOf("torn", 1))).toBe("bad");
    expect(await storageError(server)).toBeNull();
  } finally {
    await server.stop();
  }
}, 300_000);

test("a missing or damaged journal is reported, and not replaced silently", async () => {
  let server = await startServer();
  const { dataDir } = server;
  dirs.push(dataDir);
  const [first, second] = await seed(server, "missing", 2);
  expect((await putLabel(server, first!, { label: "good" })).status).toBe(200);
  await server.stop();

  fs.rmSync(journal(dataDir));
  server = await startServer({ dataDir });
  expect(await storageError(server)).toMatch(/labels\.jsonl is missing/);
  expect((await putLabel(server, second!, { label: "bad" })).status).toBe(200);
  await server.stop();
  // The new journal holds only the new label: the next start still says the old one is only in the index.
  server = await startServer({ dataDir });
  expect(await storageError(server)).toMatch(/1 labeled targets in the index are not in the journal/);
  await server.stop();

  fs.writeFileSync(journal(dataDir), `not json\n${fs.readFileSync(journal(dataDir), "utf8")}\u0000\u00ff\n`);
  server = await startServer({ dataDir });
  try {
    expect(await storageError(server)).toMatch(/2 unreadable lines \(line 1, 3\)/);
    expect(await labelOf(server, sessionIdOf("missing", 1))).toBe("bad");
  } finally {
    await server.stop();
  }
  const doctor = runScript("doctor", dataDir);
  expect(doctor.status).toBe(1);
  expect(doctor.output).toMatch(/✗ label journal: .*2 unreadable lines \(line 1, 3\)/);
}, 300_000);

test.skipIf(!isRoot)(
  "a short journal write on a full disk is cut back and answered 503; the next label works",
  async () => {
    const mountPoint = tempDataDir("tracemark-journal-full-");
    dirs.push(mountPoint);
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=8m", "tmpfs", mountPoint]);
    mounted = mountPoint;
    const dataDir = path.join(mountPoint, "data");
    let server = await startServer({ dataDir });
    const [first, second] = await seed(server, "full", 2);
    expect((await putLabel(server, first!, { label: "good" })).status).toBe(200);

    const filler = path.join(mountPoint, "filler");
    const fd = fs.openSync(filler, "w");
    try {
      for (const chunk = Buffer.alloc(64 * 1024, 1); ;) fs.writeSync(fd, chunk);
    } catch (error) {
      expect((error as NodeJS.ErrnoException).code).toBe("ENOSPC");
    } finally {
      fs.closeSync(fd);
    }
    const refused = await putLabel(server, second!, { label: "bad", note: "x".repeat(19_000) });
    expect(refused.status, server.output()).toBe(503);
    expect(await refused.text()).toMatch(/label journal not writable/);
    expectCompleteLines(journal(dataDir));
    expect(await storageError(server)).toMatch(/label journal not writable/);

    fs.rmSync(filler);
    expect((await putLabel(server, second!, { label: "bad", note: "with space again" })).status).toBe(200);
    expect(await storageError(server)).toBeNull();
    await server.stop();
    expectCompleteLines(journal(dataDir));

    deleteIndex(dataDir);
    server = await startServer({ dataDir });
    try {
      await settledStats(server);
      expect(await labelOf(server, sessionIdOf("full", 0))).toBe("good");
      expect(await labelOf(server, sessionIdOf("full", 1))).toBe("bad");
    } finally {
      await server.stop();
    }
  },
  300_000,
);
