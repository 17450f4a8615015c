// The Overview against the real captures: every folder is replayed through the real OTLP endpoints, and the
// Overview's growth (turns, tool calls and failures, API errors, tokens per model, calls per tool) must equal
// the sums of the folder's expected.json. Then the Overview must agree with the sessions list for the same
// filters, overall, per day, per model, and for labels. One server per client takes that client's folders
// in turn (session ids never collide across folders), so each folder's numbers are the Overview's delta.
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import type { Overview } from "@/lib/overview/types";
import type { SessionSummary } from "@/lib/shared/views";
import type { Expected } from "../support/expected";
import { listCaptureFolders, replayCapture } from "../support/replay";
import { FIXTURES, settledStats, startServer, type TestServer } from "../support/server";

/** The figures compared, per folder: flat counts and per-model / per-tool maps. */
interface Figures {
  sessions: number;
  turns: number;
  tool_calls: number;
  tool_failures: number;
  api_errors: number;
  models: Record<string, { turns: number; input_tokens: number; output_tokens: number }>;
  tools: Record<string, { calls: number; failures: number }>;
}

function expectedFigures(expected: Expected): Figures {
  const figures: Figures = {
    sessions: expected.sessions.length,
    turns: 0,
    tool_calls: 0,
    tool_failures: 0,
    api_errors: 0,
    models: {},
    tools: {},
  };
  for (const turn of expected.sessions.flatMap((session) => session.turns)) {
    figures.turns += 1;
    figures.api_errors += turn.api_errors;
    const model = (figures.models[turn.model ?? ""] ??= { turns: 0, input_tokens: 0, output_tokens: 0 });
    model.turns += 1;
    model.input_tokens += turn.input_tokens;
    model.output_tokens += turn.output_tokens;
    for (const call of turn.tool_calls) {
      const failed = call.success === false ? 1 : 0;
      figures.tool_calls += 1;
      figures.tool_failures += failed;
      const tool = (figures.tools[call.name] ??= { calls: 0, failures: 0 });
      tool.calls += 1;
      tool.failures += failed;
    }
  }
  return figures;
}

function overviewFigures(overview: Overview): Figures {
  const { totals } = overview;
  return {
    sessions: totals.sessions,
    turns: totals.turns,
    tool_calls: totals.tool_calls,
    tool_failures: totals.tool_failures,
    api_errors: totals.api_errors,
    models: Object.fromEntries(
      overview.models.map((m) => [
        m.model ?? "",
        { turns: m.turns, input_tokens: m.input_tokens, output_tokens: m.output_tokens },
      ]),
    ),
    tools: Object.fromEntries(
      overview.tools.map((tool) => [tool.name, { calls: tool.calls, failures: tool.failures }]),
    ),
  };
}

/** after − before, keeping only map entries that changed. */
function delta(after: Figures, before: Figures): Figures {
  const minus = <T extends Record<string, number>>(
    a: Record<string, T>,
    b: Record<string, T>,
  ): Record<string, T> =>
    Object.fromEntries(
      Object.entries(a)
        .map(
          ([key, value]) =>
            [
              key,
              Object.fromEntries(Object.entries(value).map(([k, n]) => [k, n - (b[key]?.[k] ?? 0)])) as T,
            ] as const,
        )
        .filter(([, value]) => Object.values(value).some((n) => n !== 0)),
    );
  return {
    sessions: after.sessions - before.sessions,
    turns: after.turns - before.turns,
    tool_calls: after.tool_calls - before.tool_calls,
    tool_failures: after.tool_failures - before.tool_failures,
    api_errors: after.api_errors - before.api_errors,
    models: minus(after.models, before.models),
    tools: minus(after.tools, before.tools),
  };
}

async function getJson<T>(server: TestServer, pathAndQuery: string): Promise<T> {
  const response = await fetch(`${server.ui}${pathAndQuery}`);
  expect(response.status, pathAndQuery).toBe(200);
  return (await response.json()) as T;
}

const overviewOf = (server: TestServer, query = ""): Promise<Overview> =>
  getJson<Overview>(server, `/api/overview${query ? `?${query}` : ""}`);

/** Every session the list gives for a filter (all pages). */
async function listAll(server: TestServer, query: string): Promise<SessionSummary[]> {
  const sessions: SessionSummary[] = [];
  let before: string | null = null;
  do {
    const page: { sessions: SessionSummary[]; next: string | null } = await getJson(
      server,
      `/api/sessions?limit=500&${query}${before ? `&before=${encodeURIComponent(before)}` : ""}`,
    );
    sessions.push(...page.sessions);
    before = page.next;
  } while (before);
  return sessions;
}

const sum = (sessions: SessionSummary[], pick: (session: SessionSummary) => number): number =>
  sessions.reduce((total, session) => total + pick(session), 0);

/** The Overview for a filter equals the sessions list's sums for the same filter. */
async function expectTotalsMatchList(server: TestServer, query: string): Promise<Overview> {
  const overview = await overviewOf(server, query);
  const sessions = await listAll(server, query);
  const { totals } = overview;
  expect({ ...totals, cost_usd: null }, query).toEqual({
    sessions: sessions.length,
    turns: sum(sessions, (s) => s.turns),
    tool_calls: sum(sessions, (s) => s.tool_calls),
    tool_failures: sum(sessions, (s) => s.tool_failures),
    api_errors: sum(sessions, (s) => s.api_errors),
    input_tokens: sum(sessions, (s) => s.input_tokens),
    output_tokens: sum(sessions, (s) => s.output_tokens),
    cached_input_tokens: sum(sessions, (s) => s.cached_input_tokens),
    reasoning_tokens: sum(sessions, (s) => s.reasoning_tokens),
    cost_usd: null,
  });
  expect(totals.cost_usd ?? 0).toBeCloseTo(
    sum(sessions, (s) => s.cost_usd ?? 0),
    9,
  );
  expect(overview.labels.totals.good + overview.labels.totals.bad).toBe(
    sum(sessions, (s) => s.labeled_turns),
  );
  expect(overview.labels.totals.bad).toBe(sum(sessions, (s) => s.bad_turns));
  return overview;
}

/** The panels add up to the totals: days, models, tools, API errors by status, labels. */
function expectPanelsAddUp(overview: Overview): void {
  const { totals, days } = overview;
  const turnsByDay = days.map((day) => day.models.reduce((n, m) => n + m.turns, 0));
  expect(days.reduce((n, day) => n + day.sessions, 0)).toBe(totals.sessions);
  expect(turnsByDay.reduce((a, b) => a + b, 0)).toBe(totals.turns);
  expect(overview.models.reduce((n, m) => n + m.input_tokens, 0)).toBe(totals.input_tokens);
  expect(overview.models.reduce((n, m) => n + m.output_tokens, 0)).toBe(totals.output_tokens);
  expect(overview.tools.reduce((n, tool) => n + tool.calls, 0)).toBe(totals.tool_calls);
  expect(overview.tools.reduce((n, tool) => n + tool.failures, 0)).toBe(totals.tool_failures);
  expect(days.flatMap((day) => day.api_errors).reduce((n, e) => n + e.errors, 0)).toBe(totals.api_errors);
  days.forEach((day, i) =>
    expect(day.labels.good + day.labels.bad + day.labels.unlabeled).toBe(turnsByDay[i]),
  );
  expect(overview.latency.reduce((n, row) => n + row.turns, 0)).toBe(totals.turns);
}

/** Each day's bar (and each model's part of it) is exactly what its link lists. */
async function expectDaysMatchList(server: TestServer, overview: Overview): Promise<void> {
  for (const day of overview.days.filter((d) => d.sessions > 0)) {
    const range = `since=${encodeURIComponent(day.since)}&until=${encodeURIComponent(day.until)}`;
    const sessions = await listAll(server, range);
    expect(sessions.length).toBe(day.sessions);
    expect(sum(sessions, (s) => s.turns)).toBe(day.models.reduce((n, m) => n + m.turns, 0));
    for (const { model, sessions: count } of day.sessions_by_model) {
      if (model !== null)
        expect((await listAll(server, `${range}&model=${encodeURIComponent(model)}`)).length, model).toBe(
          count,
        );
    }
  }
}

const running = new Set<TestServer>();
afterAll(async () => {
  await Promise.all([...running].map((server) => server.stop()));
});

const foldersByClient = new Map<string, string[]>();
for (const folder of listCaptureFolders()) {
  const client = path.relative(FIXTURES, folder).split(path.sep)[0]!;
  foldersByClient.set(client, [...(foldersByClient.get(client) ?? []), folder]);
}

describe.concurrent("overview on the real captures", () => {
  for (const [client, folders] of foldersByClient) {
    test(`${client}: ${folders.length} folders`, { timeout: 120_000 }, async () => {
      const server = await startServer();
      running.add(server);
      try {
        let before = overviewFigures(await overviewOf(server));
        for (const folder of folders) {
          const expected = JSON.parse(
            fs.readFileSync(path.join(folder, "expected.json"), "utf8"),
          ) as Expected;
          await replayCapture(folder, server);
          await settledStats(server);
          const after = overviewFigures(await overviewOf(server));
          expect(delta(after, before), path.relative(FIXTURES, folder)).toEqual(expectedFigures(expected));
          before = after;
        }

        // Label the first turn of four sessions, alternately bad and good.
        const sessions = await listAll(server, "");
        for (const [i, session] of sessions.slice(0, 4).entries()) {
          const detail = await getJson<{ turns: { id: string }[] }>(
            server,
            `/api/sessions/${encodeURIComponent(session.id)}`,
          );
          const label = i % 2 === 0 ? "bad" : "good";
          const response = await fetch(`${server.ui}/api/turns/${detail.turns[0]!.id}/label`, {
            method: "PUT",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ label }),
          });
          expect(response.status).toBe(200);
        }

        const all = await expectTotalsMatchList(server, "");
        expectPanelsAddUp(all);
        await expectDaysMatchList(server, all);
        await expectTotalsMatchList(server, `client=${client}`);
        expect((await overviewOf(server, "client=no-such-client")).totals.sessions).toBe(0);
        const day = all.days.find((d) => d.sessions > 0)!;
        const oneDay = await expectTotalsMatchList(
          server,
          `since=${encodeURIComponent(day.since)}&until=${encodeURIComponent(day.until)}`,
        );
        expect(oneDay.days.map((d) => d.day)).toEqual([day.day]);
        // A viewer 9 hours east of UTC: days move, totals do not.
        const shifted = await overviewOf(server, "utc_offset=540");
        expect(shifted.totals).toEqual(all.totals);
        expectPanelsAddUp(shifted);
      } finally {
        await server.stop();
        running.delete(server);
        fs.rmSync(server.dataDir, { recursive: true, force: true });
      }
    });
  }

  test("bad input is a 400 naming the parameter", async () => {
    const server = await startServer();
    running.add(server);
    try {
      for (const [query, field] of [
        ["since=yesterday", "since"],
        ["since=2026-11-22T00:00:00Z&until=2026-11-21T00:00:00Z", "until"],
        ["utc_offset=5000", "utc_offset"],
        ["range=7d", "range"],
      ] as const) {
        const response = await fetch(`${server.ui}/api/overview?${query}`);
        expect(response.status, query).toBe(400);
        expect(((await response.json()) as { error: string }).error, query).toContain(field);
      }
      const empty = await overviewOf(server);
      expect(empty.totals.sessions).toBe(0);
      expect(empty.days).toEqual([]);
      expect(empty.mcp_servers).toEqual([]);
    } finally {
      await server.stop();
      running.delete(server);
      fs.rmSync(server.dataDir, { recursive: true, force: true });
    }
  });
});
