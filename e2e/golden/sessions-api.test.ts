// The sessions API over real captures replayed through the real endpoints: filters, full-text search,
// paging, label states, the review queue and neighbours, and input validation.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { listCaptureFolders, replayCapture } from "../support/replay";
import { settledStats, startServer, type TestServer } from "../support/server";

// One protocol variant per scenario (session ids differ across variants, so they could all share a server,
// but one of each keeps the run short).
const FOLDERS = listCaptureFolders().filter((folder) => /\/(http-json|http)$/.test(folder));

interface Summary {
  id: string;
  client: string;
  models: string[];
  started_at: string;
  api_errors: number;
  tool_failures: number;
  turns: number;
}
interface Page {
  sessions: Summary[];
  total: number;
  next: string | null;
}

let server: TestServer;
let all: Summary[];

async function get<T>(query: string): Promise<T> {
  const response = await fetch(`${server.ui}${query}`);
  expect(response.status, `${query}: ${await response.clone().text()}`).toBe(200);
  return (await response.json()) as T;
}

const ids = (page: Page): string[] => page.sessions.map((session) => session.id);

beforeAll(async () => {
  server = await startServer();
  for (const folder of FOLDERS) await replayCapture(folder, server);
  await settledStats(server);
  all = (await get<Page>("/api/sessions?limit=500")).sessions;
}, 120_000);
afterAll(async () => {
  await server.stop();
  fs.rmSync(server.dataDir, { recursive: true, force: true });
});

describe("GET /api/sessions", () => {
  test("lists every expected session, newest first", () => {
    const expected = FOLDERS.flatMap((folder) =>
      (
        JSON.parse(fs.readFileSync(path.join(folder, "expected.json"), "utf8")) as {
          sessions: { id: string }[];
        }
      ).sessions.map((s) => s.id),
    );
    expect(all.map((s) => s.id).sort()).toEqual([...expected].sort());
    const starts = all.map((s) => s.started_at);
    expect(starts).toEqual([...starts].sort().reverse());
  });

  test("filters by client, model, errors and time range select exactly what they say", async () => {
    for (const client of ["codex", "claude-code", "gemini-cli", "copilot-cli"]) {
      expect(ids(await get<Page>(`/api/sessions?limit=500&client=${client}`))).toEqual(
        all.filter((s) => s.client === client).map((s) => s.id),
      );
    }
    const model = all[0]!.models[0]!;
    expect(ids(await get<Page>(`/api/sessions?limit=500&model=${encodeURIComponent(model)}`))).toEqual(
      all.filter((s) => s.models.includes(model)).map((s) => s.id),
    );
    const errors = all.filter((s) => s.api_errors + s.tool_failures > 0).map((s) => s.id);
    expect(errors.length).toBeGreaterThan(0);
    expect(ids(await get<Page>("/api/sessions?limit=500&has_errors=true"))).toEqual(errors);
    expect(ids(await get<Page>("/api/sessions?limit=500&has_errors=false"))).toEqual(
      all.filter((s) => !errors.includes(s.id)).map((s) => s.id),
    );
    const middle = all[Math.floor(all.length / 2)]!.started_at;
    const since = ids(await get<Page>(`/api/sessions?limit=500&since=${middle}`));
    const until = ids(await get<Page>(`/api/sessions?limit=500&until=${middle}`));
    expect([...since, ...until]).toEqual(all.map((s) => s.id));
  });

  test("tool= lists exactly the sessions that called the tool; with tool_failed, where it failed", async () => {
    const calls = new Map<string, { name: string; success: boolean | null }[]>();
    for (const { id } of all) {
      const detail = await get<{ turns: { tool_calls: { name: string; success: boolean | null }[] }[] }>(
        `/api/sessions/${encodeURIComponent(id)}`,
      );
      calls.set(
        id,
        detail.turns.flatMap((turn) => turn.tool_calls),
      );
    }
    const { tools } = await get<{ tools: { name: string; calls: number }[] }>("/api/tools");
    const counted = new Map<string, number>();
    for (const list of calls.values())
      for (const call of list) counted.set(call.name, (counted.get(call.name) ?? 0) + 1);
    expect(new Map(tools.map((tool) => [tool.name, tool.calls]))).toEqual(counted);
    expect(tools.map((tool) => tool.calls)).toEqual(
      [...tools.map((tool) => tool.calls)].sort((a, b) => b - a),
    );
    let failedSomewhere = 0;
    for (const { name } of tools) {
      const query = `/api/sessions?limit=500&tool=${encodeURIComponent(name)}`;
      expect(ids(await get<Page>(query))).toEqual(
        all.filter((s) => calls.get(s.id)!.some((call) => call.name === name)).map((s) => s.id),
      );
      const failed = all
        .filter((s) => calls.get(s.id)!.some((call) => call.name === name && call.success === false))
        .map((s) => s.id);
      failedSomewhere += failed.length;
      expect(ids(await get<Page>(`${query}&tool_failed=true`))).toEqual(failed);
    }
    expect(failedSomewhere).toBeGreaterThan(0);
    expect((await get<Page>("/api/sessions?tool=no-such-tool")).total).toBe(0);
  });

  test("full-text search finds prompts, answers and tool output", async () => {
    const byPrompt = await get<Page>("/api/sessions?q=" + encodeURIComponent("Second question"));
    expect(byPrompt.sessions.map((s) => s.client)).toContain("codex");
    const byAnswer = await get<Page>("/api/sessions?q=" + encodeURIComponent("remember the previous turn"));
    expect(byAnswer.total).toBeGreaterThan(0);
    const byToolOutput = await get<Page>(
      "/api/sessions?q=" + encodeURIComponent("hello from the shell tool"),
    );
    expect(byToolOutput.total).toBeGreaterThan(0);
    expect((await get<Page>("/api/sessions?q=" + encodeURIComponent('"(*:^ AND OR'))).sessions).toEqual([]);
    expect((await get<Page>("/api/sessions?q=zzzznotthere")).total).toBe(0);
  });

  test("keyset paging walks every session once", async () => {
    const seen: string[] = [];
    let next: string | null = null;
    do {
      const page: Page = await get<Page>(`/api/sessions?limit=3${next ? `&before=${next}` : ""}`);
      expect(page.total).toBe(all.length);
      seen.push(...ids(page));
      next = page.next;
    } while (next);
    expect(seen).toEqual(all.map((s) => s.id));
  });

  test("bad parameters get 400 naming the parameter", async () => {
    for (const [query, name] of [
      ["limit=0", "limit"],
      ["has_errors=maybe", "has_errors"],
      ["since=yesterday", "since"],
      ["label_state=half", "label_state"],
      ["before=garbage", "before"],
      ["tool=", "tool"],
      [`tool=${"x".repeat(201)}`, "tool"],
    ]) {
      const response = await fetch(`${server.ui}/api/sessions?${query}`);
      expect(response.status, query).toBe(400);
      expect(await response.text()).toContain(name);
    }
    expect((await fetch(`${server.ui}/api/sessions/nope`)).status).toBe(404);
  });
});

describe("labels in the list, the review queue and neighbours", () => {
  test("label states, a queue that follows the filter and never repeats, neighbours by position", async () => {
    const codex = all.filter((s) => s.client === "codex");
    // Walk the queue for codex only: every unlabeled codex turn once, in order, then done.
    const visited: string[] = [];
    let after = "";
    for (;;) {
      const next = await get<{ turn_id?: string; session_id?: string; done?: boolean }>(
        `/api/review/next?client=codex${after ? `&after=${after}` : ""}`,
      );
      if (next.done) break;
      expect(codex.map((s) => s.id)).toContain(next.session_id);
      expect(visited).not.toContain(next.turn_id);
      visited.push(next.turn_id!);
      after = next.turn_id!;
    }
    expect(visited.length).toBe(codex.reduce((n, s) => n + s.turns, 0));

    // Label the first codex session's first turn bad: it leaves the queue and the states follow.
    const first = codex[0]!;
    const detail = await get<{ turns: { id: string }[] }>(`/api/sessions/${first.id}`);
    await fetch(`${server.ui}/api/turns/${detail.turns[0]!.id}/label`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: '{"label":"bad"}',
    });
    const queue = await get<{ turn_id?: string }>("/api/review/next?client=codex");
    expect(queue.turn_id).not.toBe(detail.turns[0]!.id);
    expect(ids(await get<Page>("/api/sessions?label_state=has-bad"))).toEqual([first.id]);
    const state = first.turns === 1 ? "done" : "partly";
    expect(ids(await get<Page>(`/api/sessions?label_state=${state}`))).toEqual([first.id]);
    expect(ids(await get<Page>("/api/sessions?limit=500&label_state=unlabeled"))).not.toContain(first.id);

    const i = all.findIndex((s) => s.id === codex[1]!.id);
    const neighbors = await get<{ newer: string | null; older: string | null }>(
      `/api/sessions/${all[i]!.id}/neighbors`,
    );
    expect(neighbors).toEqual({ newer: all[i - 1]?.id ?? null, older: all[i + 1]?.id ?? null });
    // by position even when the session itself does not match the filter
    const filtered = all.filter((s) => s.client === "claude-code");
    const around = await get<{ newer: string | null; older: string | null }>(
      `/api/sessions/${all[i]!.id}/neighbors?client=claude-code`,
    );
    const older = filtered.find(
      (s) => s.started_at < all[i]!.started_at || (s.started_at === all[i]!.started_at && s.id < all[i]!.id),
    );
    expect(around.older).toBe(older?.id ?? null);
  });
});
