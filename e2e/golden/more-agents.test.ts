// Golden replay of ../shared/fixtures/otlp-more (Qwen Code, opencode, Continue), one test per folder with a
// ground-truth.json (walked, not listed): the bodies go through the real OTLP endpoints of a fresh server and
// what the API serves must match the mock model's own log (sessions, turns, prompts, answers, tool calls with
// arguments and output, tokens main and with helpers, failed calls). Metrics-only sources have no session and
// show in the Overview's metrics panel and on the Connect page instead.
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import {
  expectTurnMatches,
  FIXTURES_MORE_DIR,
  listGroundTruthFolders,
  readGroundTruth,
  type GroundTruth,
  type ServedTurn,
} from "../support/ground-truth";
import { replayCapture } from "../support/replay";
import { settledStats, startServer, type TestServer } from "../support/server";

/** The fixture README's client folders → this product's client ids. */
const CLIENT_IDS: Record<string, string> = { qwen: "qwen-code", opencode: "opencode", continue: "continue" };

const running = new Set<TestServer>();
afterAll(async () => {
  await Promise.all([...running].map((server) => server.stop()));
});

const getJson = async <T>(url: string): Promise<T> => (await (await fetch(url)).json()) as T;

async function expectSession(server: TestServer, truth: GroundTruth, name: string): Promise<void> {
  const list = await getJson<{ sessions: { id: string; client: string; client_version: string | null }[] }>(
    `${server.ui}/api/sessions?limit=50`,
  );
  expect(
    list.sessions.map((session) => session.id),
    name,
  ).toEqual([truth.session_id]);
  expect(list.sessions[0]!.client).toBe(CLIENT_IDS[truth.client]);
  expect(list.sessions[0]!.client_version).toMatch(/^\d+\.\d+\.\d+$/);
  const detail = await getJson<{ turns: ServedTurn[] }>(
    `${server.ui}/api/sessions/${encodeURIComponent(truth.session_id!)}`,
  );
  expect(detail.turns, name).toHaveLength(truth.turns);
  truth.turn_detail.forEach((turnTruth, i) =>
    expectTurnMatches(detail.turns[i]!, turnTruth, `${name} turn ${i}`),
  );
}

/** No session id anywhere: no sessions, but the client is known, live, and its usage is in the Overview. */
async function expectMetricsOnly(server: TestServer, truth: GroundTruth, name: string): Promise<void> {
  const list = await getJson<{ sessions: unknown[] }>(`${server.ui}/api/sessions?limit=50`);
  expect(list.sessions, name).toEqual([]);
  const clients = await getJson<{
    clients: { client: string; last_seen_at: string | null; sessions: number; metrics_only: boolean }[];
  }>(`${server.ui}/api/clients`);
  const client = clients.clients.find((entry) => entry.client === CLIENT_IDS[truth.client]);
  expect(client, name).toMatchObject({ sessions: 0, metrics_only: true });
  expect(client!.last_seen_at).not.toBeNull();
  const overview = await getJson<{
    metrics_only: { client: string; input_tokens: number; output_tokens: number; cost_usd: number | null }[];
  }>(`${server.ui}/api/overview`);
  const usage = overview.metrics_only.filter((row) => row.client === CLIENT_IDS[truth.client]);
  const sum = (pick: (row: (typeof usage)[number]) => number): number =>
    usage.reduce((total, row) => total + pick(row), 0);
  const want = truth.turn_detail.reduce(
    (total, turn) => ({
      input: total.input + turn.tokens_all.input,
      output: total.output + turn.tokens_all.output,
    }),
    { input: 0, output: 0 },
  );
  expect({ input: sum((row) => row.input_tokens), output: sum((row) => row.output_tokens) }, name).toEqual(
    want,
  );
  expect(sum((row) => row.cost_usd ?? 0)).toBeGreaterThan(0);
}

describe("golden replay: more agents", () => {
  const folders = listGroundTruthFolders();
  test("the otlp-more fixtures are there", () => {
    expect(folders.length, FIXTURES_MORE_DIR).toBeGreaterThan(0);
  });
  for (const folder of folders) {
    const name = path.relative(FIXTURES_MORE_DIR, folder);
    test(name, async () => {
      const truth = readGroundTruth(folder);
      const server = await startServer({});
      running.add(server);
      try {
        await replayCapture(folder, server);
        await settledStats(server);
        if (truth.session_id === null) await expectMetricsOnly(server, truth, name);
        else await expectSession(server, truth, name);
      } finally {
        await server.stop();
        running.delete(server);
        fs.rmSync(server.dataDir, { recursive: true, force: true });
      }
    });
  }
});
