// The Overview from the same rows on SQLite and on PostgreSQL: every panel equal (percentiles, days in the
// viewer's zone, API errors by status, label splits, reasons, agreement), and the expected figures.
import { afterAll, expect, test } from "vitest";
import type { Store } from "@/db/store";
import { onEachEngine, testEngines } from "@/e2e/support/stores";
import { readOverview } from "./read";

const engines = testEngines();
afterAll(() => engines.stop());

const DAY_MS = 86_400_000;
const START = Date.UTC(2026, 10, 20, 23, 30); // 23:30 UTC: the next day at UTC+1

async function seed(store: Store): Promise<void> {
  const sessions = [
    ["s1", "codex", '["gpt-a","gpt-b"]', START],
    ["s2", "claude", "[]", START + DAY_MS],
    ["s3", "codex", '["gpt-a"]', START + 2 * DAY_MS],
  ] as const;
  for (const [id, client, models, at] of sessions)
    await store.run(
      `INSERT INTO sessions (id, client, models, turn_count, tool_call_count, tool_failure_count, api_error_count,
         input_tokens, output_tokens, cached_input_tokens, reasoning_tokens, cost_usd, started_at, ended_at, updated_at)
       VALUES (?, ?, ?, 2, 3, 1, 2, 100, 50, 10, 5, 0.25, ?, ?, ?)`,
      [id, client, models, at, at + 60_000, at],
    );
  let n = 0;
  for (const [sessionId, , , at] of sessions)
    for (const index of [0, 1]) {
      const turnId = `${sessionId}-t${index}`;
      const model = index === 0 ? "gpt-a" : null;
      await store.run(
        `INSERT INTO turns (id, session_id, turn_index, key, model, has_error, has_tool_failure, data)
         VALUES (?, ?, ?, 'k', ?, ?, 0, '{}')`,
        [turnId, sessionId, index, model, index],
      );
      await store.run(
        `INSERT INTO turn_usage (turn_id, session_id, model, started_at, ended_at, input_tokens, output_tokens,
           cached_input_tokens, reasoning_tokens, cost_usd, api_errors, ttft_ms)
         VALUES (?, ?, ?, ?, ?, 50, 25, 5, 2, 0.125, ?, ?)`,
        [turnId, sessionId, model, at, at + 1000 * ++n, index, index === 0 ? 100 * n : null],
      );
      for (const call of [0, 1])
        await store.run(
          `INSERT INTO tool_calls (turn_id, call_index, session_id, name, success, duration_ms) VALUES (?, ?, ?, ?, ?, ?)`,
          [
            turnId,
            call,
            sessionId,
            call === 0 ? "Bash" : "mcp__docs__search",
            call === 1 && index === 1 ? 0 : 1,
            10 * n + call,
          ],
        );
      await store.run(
        `INSERT INTO api_calls (turn_id, call_index, session_id, model, started_at, duration_ms, status_code, success)
         VALUES (?, 0, ?, 'gpt-a', ?, 5, ?, ?)`,
        [turnId, sessionId, at, index === 1 ? 429 : 200, index === 1 ? 0 : 1],
      );
    }
  const label = (turnId: string, value: string, by: string, reasons: string) =>
    store.run(
      "INSERT INTO labels (target_type, target_id, label, reasons, labeled_by, labeled_at) VALUES ('turn', ?, ?, ?, ?, 1)",
      [turnId, value, reasons, by],
    );
  await label("s1-t0", "good", "ann", "[]");
  await label("s1-t0", "bad", "bob", '["hallucinated"]');
  await label("s1-t1", "bad", "ann", '["hallucinated","incomplete"]');
  await label("s1-t1", "bad", "bob", "[]");
  await label("s2-t0", "good", "ann", "[]");
}

test("readOverview gives the same panels on both engines", async () => {
  const read = (utcOffset: number, viewer?: string) => (store: Store) =>
    readOverview(store, { utc_offset: utcOffset }, START + 10 * DAY_MS, undefined, viewer);
  const results = await onEachEngine(engines.list, seed, async (store) => ({
    utc: await read(0)(store),
    east: await read(60, "ann")(store),
    codex: await readOverview(store, { utc_offset: 0, client: "codex" }, START + 10 * DAY_MS),
  }));
  const [first, ...others] = Object.values(results);
  for (const other of others) expect(other).toEqual(first);
  const { utc, east } = first!;
  expect(utc.totals).toMatchObject({ sessions: 3, turns: 6 });
  expect(utc.tools.find((tool) => tool.name === "Bash")).toMatchObject({ calls: 6, failures: 0 });
  expect(utc.agreement.pairs).toEqual([expect.objectContaining({ a: "ann", b: "bob", turns: 2, agreed: 1 })]);
  // UTC+1 moves every session start to the next day
  const days = (overview: typeof utc) =>
    overview.days.filter((day) => day.sessions > 0).map((day) => day.day);
  expect(days(east)).not.toEqual(days(utc));
  expect(east.days.find((day) => day.sessions > 0)?.labels).toMatchObject({ good: 1, bad: 1 });
  expect(utc.days.find((day) => day.sessions > 0)?.sessions_by_model).toEqual([
    { model: "gpt-a", sessions: 1 },
    { model: "gpt-b", sessions: 1 },
  ]);
  expect(utc.days.find((day) => day.api_errors.length > 0)?.api_errors).toEqual([{ status: 429, errors: 1 }]);
  expect(utc.latency.map((row) => row.model)).toEqual([null, "gpt-a"]); // a tie: NULL first, as SQLite sorts
  expect(utc.reasons.bad.length).toBeGreaterThan(0);
});
