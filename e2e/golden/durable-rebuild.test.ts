// Durable rebuild intent: what must be (re)built is recorded with the records, so a kill -9 right after an
// acknowledgement, or during the catch-up after the index was deleted, leaves every acknowledged session
// visible after a restart (with its turns and labels), without `npm run reindex`.
import fs from "node:fs";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { settledStats, startServer, tempDataDir } from "../support/server";
import { getSession, postSessions, sessionIdOf } from "../support/sessions";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

async function expectSessionsBuilt(ui: string, ids: string[]): Promise<{ id: string; label: unknown }[]> {
  await settledStatsOf(ui);
  const turns: { id: string; label: unknown }[] = [];
  for (const id of ids) {
    const detail = await getSession(ui, id);
    expect(detail, `session ${id} is visible`).not.toBeNull();
    expect(detail!.turns).toHaveLength(1);
    turns.push(...detail!.turns);
  }
  return turns;
}

async function settledStatsOf(ui: string): Promise<void> {
  const stats = (await (await fetch(`${ui}/api/stats?settle=1`)).json()) as { sessions_pending: number };
  expect(stats.sessions_pending).toBe(0);
}

test("kill -9 right after an acknowledgement never hides the session", async () => {
  const dataDir = tempDataDir("tracemark-ackkill-");
  dirs.push(dataDir);
  const ids: string[] = [];
  for (let round = 0; round < 6; round++) {
    const server = await startServer({ dataDir, ui: false });
    const id = sessionIdOf("ackkill", round);
    expect((await postSessions(server.otlpHttp, [id])).status).toBe(200);
    ids.push(id);
    if (round % 2 === 1) {
      // Let the indexer take it (it runs on the next event-loop turn), so the kill lands between index and build.
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    await server.kill9();
  }
  const server = await startServer({ dataDir });
  try {
    await expectSessionsBuilt(server.ui, ids);
  } finally {
    await server.stop();
  }
}, 300_000);

test("kill -9 during the catch-up after deleting the index: every session and label comes back", async () => {
  const dataDir = tempDataDir("tracemark-catchupkill-");
  dirs.push(dataDir);
  const ids = Array.from({ length: 120 }, (_, i) => sessionIdOf("catchup", i));
  let server = await startServer({ dataDir });
  for (let i = 0; i < ids.length; i += 10)
    expect((await postSessions(server.otlpHttp, ids.slice(i, i + 10))).status).toBe(200);
  const turns = await expectSessionsBuilt(server.ui, ids);
  const labeled = turns.filter((_, i) => i % 3 === 0).map((turn) => turn.id);
  for (const turnId of labeled) {
    const response = await fetch(`${server.ui}/api/turns/${turnId}/label`, {
      method: "PUT",
      headers: { "content-type": "application/json", origin: server.ui },
      body: JSON.stringify({ label: "good" }),
    });
    expect(response.status).toBe(200);
  }
  await server.stop();

  for (const file of ["index.sqlite", "index.sqlite-wal", "index.sqlite-shm"])
    fs.rmSync(path.join(dataDir, file), { force: true });
  // "running" is printed as soon as the catch-up has indexed the archive, before the sessions are rebuilt.
  for (let kill = 0; kill < 2; kill++) await (await startServer({ dataDir, ui: false })).kill9();

  server = await startServer({ dataDir });
  try {
    const after = await expectSessionsBuilt(server.ui, ids);
    const good = after
      .filter((turn) => (turn.label as { label: string } | null)?.label === "good")
      .map((turn) => turn.id);
    expect(good.sort()).toEqual([...labeled].sort());
    const stats = await settledStats(server);
    expect(stats.sessions).toBe(ids.length);
  } finally {
    await server.stop();
  }
}, 300_000);
