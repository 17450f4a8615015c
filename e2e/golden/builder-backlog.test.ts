// A large rebuild backlog (thousands of sessions in one request, scaled down from the 200k that used to block
// new sessions for ~15 min) neither delays a new session until the backlog is done nor holds up SIGTERM; the
// marks left by a stop mid-backlog are built at the next start.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, expect, test } from "vitest";
import { settledStats, startServer, type TestServer } from "../support/server";
import { getSession, postSessions, sessionIdOf, waitFor } from "../support/sessions";

/** Several seconds of building on this machine (~1k sessions/s when quiet). */
const BACKLOG = 2_000;
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

interface Stats {
  sessions: number;
  sessions_pending: number;
  index_backlog: number;
}
const stats = async (server: TestServer): Promise<Stats> =>
  (await (await fetch(`${server.ui}/api/stats`)).json()) as Stats;

/** Sends the backlog and returns once the builder is working on it (some built, most still waiting). */
async function startBacklog(server: TestServer, prefix: string): Promise<string[]> {
  const ids = Array.from({ length: BACKLOG }, (_, i) => sessionIdOf(prefix, i));
  expect((await postSessions(server.otlpHttp, ids)).status).toBe(200);
  await waitFor(
    "the builder to start on the backlog",
    () => stats(server),
    (s) => s.index_backlog === 0 && s.sessions > 0,
  );
  return ids;
}

test("a new session is built while a large backlog is still being worked", async () => {
  const server = await startServer();
  dirs.push(server.dataDir);
  try {
    const backlog = await startBacklog(server, "backlog");
    const fresh = sessionIdOf("fresh", 0);
    expect((await postSessions(server.otlpHttp, [fresh])).status).toBe(200);
    await waitFor(
      "the new session",
      () => getSession(server.ui, fresh),
      (detail) => detail !== null,
    );
    const meanwhile = await stats(server);
    expect(meanwhile.sessions, "backlog sessions built before the new one appeared").toBeLessThan(
      backlog.length,
    );
    const settled = await waitFor(
      "the backlog",
      () => settledStats(server),
      (s) => s.sessions_pending === 0,
      300_000,
    );
    expect(settled.sessions).toBe(backlog.length + 1);
  } finally {
    await server.stop();
  }
}, 600_000);

test("SIGTERM during a large backlog stops without waiting for it, and the next start builds the rest", async () => {
  let server = await startServer();
  const { dataDir } = server;
  dirs.push(dataDir);
  const ids = await startBacklog(server, "sigterm");
  const exited = new Promise<number | null>((resolve) =>
    server.process.once("exit", (code) => resolve(code)),
  );
  const stopping = Date.now();
  server.process.kill("SIGTERM");
  expect(await exited).toBe(0);
  console.log(`SIGTERM with a backlog of ${BACKLOG} sessions: exited in ${Date.now() - stopping} ms`);
  const db = new Database(path.join(dataDir, "index.sqlite"), { readonly: true });
  const left = (db.prepare("SELECT count(*) AS n FROM dirty_sessions").get() as { n: number }).n;
  db.close();
  expect(left, "rebuild marks left for the next start").toBeGreaterThan(0);

  server = await startServer({ dataDir });
  try {
    const settled = await waitFor(
      "the rest of the backlog",
      () => settledStats(server),
      (s) => s.sessions_pending === 0,
      300_000,
    );
    expect(settled.sessions).toBe(ids.length);
    const last = await getSession(server.ui, ids.at(-1)!);
    expect(last?.turns).toHaveLength(1);
  } finally {
    await server.stop();
  }
}, 600_000);
