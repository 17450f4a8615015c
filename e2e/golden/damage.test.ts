// Damage is contained and named: a damaged .zst segment is skipped (named, counted, in the UI's storage status
// and doctor) at start and in reindex; a damaged index is refused at start with the command that fixes it, and
// that command works; a cut tail segment is trimmed with a log line and the index stops counting lost lines.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, expect, test } from "vitest";
import { runScript } from "../support/scripts";
import { settledStats, startServer, type TestServer } from "../support/server";
import { getSession, postSessions, sessionIdOf } from "../support/sessions";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

async function storageError(server: TestServer): Promise<string | null> {
  return ((await (await fetch(`${server.ui}/api/stats`)).json()) as { storage_error: string | null })
    .storage_error;
}

function deleteIndex(dataDir: string): void {
  for (const file of ["index.sqlite", "index.sqlite-wal", "index.sqlite-shm"])
    fs.rmSync(path.join(dataDir, file), { force: true });
}

function segmentFiles(dataDir: string, pattern: RegExp): string[] {
  const root = path.join(dataDir, "archive", "logs");
  return fs
    .readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((file) => pattern.test(file))
    .sort()
    .map((file) => path.join(root, file));
}

async function seedLabeled(prefix: string, count: number): Promise<{ dataDir: string; ids: string[] }> {
  const server = await startServer();
  dirs.push(server.dataDir);
  const ids = Array.from({ length: count }, (_, i) => sessionIdOf(prefix, i));
  expect((await postSessions(server.otlpHttp, ids)).status).toBe(200);
  await settledStats(server);
  const turn = (await getSession(server.ui, ids[0]!))!.turns[0]!.id;
  const labeled = await fetch(`${server.ui}/api/turns/${turn}/label`, {
    method: "PUT",
    headers: { "content-type": "application/json", origin: server.ui },
    body: '{"label":"good"}',
  });
  expect(labeled.status).toBe(200);
  await server.stop();
  return { dataDir: server.dataDir, ids };
}

async function expectServed(dataDir: string, ids: string[], labeledId: string): Promise<void> {
  const server = await startServer({ dataDir });
  try {
    await settledStats(server);
    for (const id of ids) expect(await getSession(server.ui, id), `session ${id}`).not.toBeNull();
    expect(((await getSession(server.ui, labeledId))!.turns[0]!.label as { label: string }).label).toBe(
      "good",
    );
  } finally {
    await server.stop();
  }
}

test("a damaged .zst segment is skipped and named at start, in doctor and in reindex; the rest is served", async () => {
  let server = await startServer();
  const { dataDir } = server;
  dirs.push(dataDir);
  // ~9 MB in one request: the segment closes after it (8 MiB) and is compressed; the next request opens another.
  expect(
    (
      await postSessions(
        server.otlpHttp,
        Array.from({ length: 2_100 }, (_, i) => sessionIdOf("lost", i)),
      )
    ).status,
  ).toBe(200);
  const kept = Array.from({ length: 5 }, (_, i) => sessionIdOf("kept", i));
  expect((await postSessions(server.otlpHttp, kept)).status).toBe(200);
  await settledStats(server);
  const turn = (await getSession(server.ui, kept[0]!))!.turns[0]!.id;
  await fetch(`${server.ui}/api/turns/${turn}/label`, {
    method: "PUT",
    headers: { "content-type": "application/json", origin: server.ui },
    body: '{"label":"good"}',
  });
  await server.stop();
  await (await startServer({ dataDir, ui: false })).stop(); // a start compresses every closed segment
  const [zst] = segmentFiles(dataDir, /\.jsonl\.zst$/);
  expect(zst, "a compressed segment").toBeDefined();
  fs.truncateSync(zst!, Math.floor(fs.statSync(zst!).size / 2));

  deleteIndex(dataDir);
  server = await startServer({ dataDir });
  try {
    expect(server.output()).toContain(`archive segment ${zst} is unreadable`);
    expect(await storageError(server)).toMatch(/1 damaged segment skipped/);
    await settledStats(server);
    for (const id of kept) expect(await getSession(server.ui, id)).not.toBeNull();
  } finally {
    await server.stop();
  }
  const doctor = runScript("doctor", dataDir);
  expect(doctor.status).toBe(1);
  expect(doctor.output).toContain(`✗ archive segment ${zst} is unreadable`);

  const reindex = runScript("reindex", dataDir);
  expect(reindex.status).toBe(1);
  expect(reindex.output).toContain(`archive segment ${zst} is unreadable`);
  expect(reindex.output).toMatch(/reindexed \d+ archived requests/);
  await expectServed(dataDir, kept, kept[0]!);
  expect(runScript("doctor", dataDir).output).toContain("✓ every session with records is built");
}, 600_000);

for (const damage of ["truncated", "overwritten"] as const) {
  test(`a ${damage} index is refused at start naming the fix, and \`npm run reindex\` fixes it`, async () => {
    const { dataDir, ids } = await seedLabeled(damage, 40);
    const file = path.join(dataDir, "index.sqlite");
    const size = fs.statSync(file).size;
    if (damage === "truncated") fs.truncateSync(file, Math.floor(size * 0.4));
    else {
      const fd = fs.openSync(file, "r+");
      fs.writeSync(
        fd,
        Buffer.alloc(Math.min(64 * 1024, size / 4), 0x5a),
        0,
        undefined,
        Math.floor(size / 2) & ~4095,
      );
      fs.closeSync(fd);
    }
    const refused = await startServer({ dataDir }).then(
      async (server) => {
        await server.stop();
        return "started";
      },
      (error: Error) => error.message,
    );
    expect(refused).toContain(`The index ${file} is damaged`);
    expect(refused).toContain("npm run reindex");
    expect(refused, "no raw stack trace").not.toMatch(/\n\s+at /);

    const doctor = runScript("doctor", dataDir);
    expect(doctor.status).toBe(1);
    expect(doctor.output).toContain(`✗ The index ${file} is damaged`);
    const reindex = runScript("reindex", dataDir);
    expect(reindex.status, reindex.output).toBe(0);
    expect(reindex.output).toContain("set the damaged index aside");
    await expectServed(dataDir, ids, ids[0]!);
  }, 600_000);
}

test("a cut tail segment is trimmed with a log line and the index stops counting the lost lines", async () => {
  let server = await startServer({ ui: false });
  const { dataDir } = server;
  dirs.push(dataDir);
  for (let i = 0; i < 3; i++)
    expect((await postSessions(server.otlpHttp, [sessionIdOf("cut", i)])).status).toBe(200);
  await server.stop();
  const [segment] = segmentFiles(dataDir, /\.jsonl$/);
  const data = fs.readFileSync(segment!);
  const firstEnd = data.indexOf(0x0a) + 1;
  fs.truncateSync(segment!, firstEnd + 100); // line 0 whole, 100 bytes of line 1, line 2 gone

  server = await startServer({ dataDir, ui: false });
  expect(server.output()).toContain(
    `archive segment ${segment} ended in a torn line: cut back 100 bytes to 1 complete lines`,
  );
  expect(server.output()).toContain(`archive segment ${segment} has 1 lines but the index had counted 3`);
  expect((await postSessions(server.otlpHttp, [sessionIdOf("cut", 3)])).status).toBe(200);
  await server.stop();
  const db = new Database(path.join(dataDir, "index.sqlite"), { readonly: true });
  const progress = (db.prepare("SELECT lines_indexed AS n FROM segments").get() as { n: number }).n;
  db.close();
  const lines = fs.readFileSync(segment!, "utf8").split("\n").filter(Boolean).length;
  expect(lines).toBe(2);
  expect(progress).toBe(lines);
  expect(runScript("doctor", dataDir).output).toContain("✓ archive and index agree: 2 requests");
}, 300_000);
