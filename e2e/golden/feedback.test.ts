// Reasons and corrections through the real label API over a replayed capture: set per field like label and
// note, validated with 400s naming the field, filter the sessions list, counted by the Overview, and kept
// through a restart, `npm run reindex` and losing the index (the journal and reasons.jsonl bring them back).
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEFAULT_REASONS } from "@/lib/shared/reasons";
import { replayCapture } from "../support/replay";
import { FIXTURES, ROOT, settledStats, startServer, tempDataDir, type TestServer } from "../support/server";

const run = promisify(execFile);
const dataDir = tempDataDir("tracemark-feedback-");
let server: TestServer;

interface TurnLabel {
  label: string | null;
  note: string;
  reasons: string[];
  correction: string | null;
  version: number;
}
interface Detail {
  session: { id: string; client: string };
  turns: {
    id: string;
    model: string | null;
    response: string | null;
    tool_calls: { name: string }[];
    label: TurnLabel;
  }[];
}

const put = (target: string, body: unknown, raw = false): Promise<Response> =>
  fetch(`${server.ui}/api/${target}/label`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: raw ? (body as string) : JSON.stringify(body),
  });

async function detail(): Promise<Detail> {
  const list = (await (await fetch(`${server.ui}/api/sessions`)).json()) as { sessions: { id: string }[] };
  return (await (await fetch(`${server.ui}/api/sessions/${list.sessions[0]!.id}`)).json()) as Detail;
}

const feedbackOf = (d: Detail) =>
  d.turns.map(({ id, label }) => ({
    id,
    label: label.label,
    note: label.note,
    reasons: label.reasons,
    correction: label.correction,
  }));

beforeAll(async () => {
  server = await startServer({ dataDir });
  await replayCapture(path.join(FIXTURES, "codex", "multi_turn", "http-json"), server);
  await settledStats(server);
});
afterAll(async () => {
  await server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("reasons vocabulary", () => {
  test("defaults, replaced as a whole, validated", async () => {
    const initial = (await (await fetch(`${server.ui}/api/reasons`)).json()) as { reasons: { id: string }[] };
    expect(initial.reasons.map((r) => r.id)).toEqual([
      "wrong-approach",
      "broke-something",
      "hallucinated",
      "ignored-instructions",
      "too-many-steps",
      "unsafe-action",
      "incomplete",
      "great-solution",
      "good-explanation",
    ]);
    const custom = [...DEFAULT_REASONS, { id: "slow", title: "slow", polarity: "bad" }];
    const saved = await fetch(`${server.ui}/api/reasons`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ reasons: custom }),
    });
    expect(saved.status).toBe(200);
    expect(
      ((await (await fetch(`${server.ui}/api/reasons`)).json()) as { reasons: unknown[] }).reasons,
    ).toEqual(custom);
    for (const [body, field] of [
      [{ reasons: [{ id: "Bad Id", title: "x", polarity: "bad" }] }, "reasons.0.id"],
      [
        {
          reasons: [
            { id: "a", title: "x", polarity: "bad" },
            { id: "a", title: "y", polarity: "good" },
          ],
        },
        "unique",
      ],
      [{ reasons: [{ id: "a", title: "x", polarity: "meh" }] }, "polarity"],
      [{ reasons: [] }, "reasons"],
    ] as const) {
      const response = await fetch(`${server.ui}/api/reasons`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(((await response.json()) as { error: string }).error).toContain(field);
    }
  });
});

describe("reasons and corrections on turns", () => {
  test("each field is set on its own and kept by the others", async () => {
    const [first] = (await detail()).turns;
    const id = first!.id;
    expect(first!.label).toMatchObject({ reasons: [], correction: null });
    expect((await put(`turns/${id}`, { label: "bad" })).status).toBe(200);
    expect((await put(`turns/${id}`, { reasons: ["wrong-approach", "slow", "wrong-approach"] })).status).toBe(
      200,
    );
    expect((await put(`turns/${id}`, { note: "used ls -R" })).status).toBe(200);
    const corrected = `${first!.response ?? ""}\nUse \`ls -1\` instead.`;
    const response = await put(`turns/${id}`, { correction: corrected });
    expect(await response.json()).toMatchObject({
      label: "bad",
      note: "used ls -R",
      reasons: ["wrong-approach", "slow"],
      correction: corrected,
      version: 4,
    });
    expect((await detail()).turns[0]!.label).toMatchObject({
      label: "bad",
      note: "used ls -R",
      reasons: ["wrong-approach", "slow"],
      correction: corrected,
      version: 4,
    });
    await put(`turns/${id}`, { correction: null });
    expect((await detail()).turns[0]!.label).toMatchObject({
      label: "bad",
      reasons: ["wrong-approach", "slow"],
      correction: null,
    });
    await put(`turns/${id}`, { correction: corrected });
    const second = (await detail()).turns[1]!.id;
    await put(`turns/${second}`, { label: "good", reasons: ["great-solution"] });
  });

  test("bad input gets 400 naming the field", async () => {
    const id = (await detail()).turns[0]!.id;
    const cases: [unknown, RegExp][] = [
      [{ reasons: ["no-such-reason"] }, /reasons: unknown reason id "no-such-reason"/],
      [{ reasons: "wrong-approach" }, /reasons/],
      [{ reasons: [1] }, /reasons\.0/],
      [{ reasons: ["Not An Id"] }, /reasons\.0/],
      [{ reasons: Array.from({ length: 21 }, (_, i) => `r${i}`) }, /reasons/],
      [{ correction: 5 }, /correction/],
      [{ correction: "x".repeat(100_001) }, /correction/],
      [{ correction: ["a"] }, /correction/],
    ];
    for (const [body, message] of cases) {
      const response = await put(`turns/${id}`, body);
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(message);
    }
  });

  test("reason= filters the sessions list; a malformed one is a 400", async () => {
    const count = async (query: string) =>
      ((await (await fetch(`${server.ui}/api/sessions?${query}`)).json()) as { total: number }).total;
    expect(await count("reason=wrong-approach")).toBe(1);
    expect(await count("reason=great-solution")).toBe(1);
    expect(await count("reason=hallucinated")).toBe(0);
    const bad = await fetch(`${server.ui}/api/sessions?reason=DROP%20TABLE`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("reason");
  });

  test("the Overview counts bad reasons by client, model and tool", async () => {
    const d = await detail();
    const overview = (await (await fetch(`${server.ui}/api/overview?utc_offset=0`)).json()) as {
      reasons: { bad: { dimension: string; value: string | null; reason: string; turns: number }[] };
    };
    const first = d.turns[0]!;
    const expected = [
      { dimension: "client", value: d.session.client },
      { dimension: "model", value: first.model },
      ...[...new Set(first.tool_calls.map((call) => call.name))].map((name) => ({
        dimension: "tool",
        value: name,
      })),
    ];
    for (const reason of ["wrong-approach", "slow"]) {
      const rows = overview.reasons.bad.filter((row) => row.reason === reason);
      expect(
        rows
          .map(({ dimension, value }) => ({ dimension, value }))
          .sort((a, b) => `${a.dimension}${a.value}`.localeCompare(`${b.dimension}${b.value}`)),
      ).toEqual(
        [...expected].sort((a, b) => `${a.dimension}${a.value}`.localeCompare(`${b.dimension}${b.value}`)),
      );
      expect(rows.every((row) => row.turns === 1)).toBe(true);
    }
    expect(overview.reasons.bad.some((row) => row.reason === "great-solution")).toBe(false); // a good reason
  });
});

describe("reasons and corrections survive", () => {
  test("a restart, `npm run reindex`, and losing the index; the export still has the correction", async () => {
    const before = feedbackOf(await detail());
    expect(before[0]!.correction).not.toBeNull();
    await server.stop();
    server = await startServer({ dataDir });
    await settledStats(server);
    expect(feedbackOf(await detail())).toEqual(before);

    await server.stop();
    await run(process.execPath, ["--import", "tsx", "scripts/reindex.ts"], {
      cwd: ROOT,
      env: { ...process.env, TRACEMARK_DATA_DIR: dataDir },
    });
    server = await startServer({ dataDir });
    await settledStats(server);
    expect(feedbackOf(await detail())).toEqual(before);

    await server.stop();
    for (const file of fs.readdirSync(dataDir))
      if (file.startsWith("index.sqlite")) fs.rmSync(path.join(dataDir, file));
    server = await startServer({ dataDir });
    await settledStats(server);
    expect(feedbackOf(await detail())).toEqual(before);
    // the custom reason is still known (reasons.jsonl is not in the index)
    expect((await put(`turns/${before[1]!.id}`, { reasons: ["slow"] })).status).toBe(200);
    await put(`turns/${before[1]!.id}`, { reasons: before[1]!.reasons });

    const exported = (await (await fetch(`${server.ui}/api/export?label=all&format=turns`)).text())
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { turn_id: string; correction: string | null; reasons: string[] });
    expect(
      exported.map(({ turn_id, correction, reasons }) => ({ id: turn_id, correction, reasons })),
    ).toEqual(before.map(({ id, correction, reasons }) => ({ id, correction, reasons })));
  });
});

describe("a reason removed from the vocabulary", () => {
  test("stays on the turns that carry it, can be kept there, and cannot be added elsewhere", async () => {
    const [first, second] = (await detail()).turns;
    expect(first!.label.reasons).toContain("slow");
    const reset = await fetch(`${server.ui}/api/reasons`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ reasons: DEFAULT_REASONS }),
    });
    expect(reset.status).toBe(200);
    expect((await detail()).turns[0]!.label.reasons).toEqual(first!.label.reasons);
    expect((await put(`turns/${first!.id}`, { reasons: ["slow", "hallucinated"] })).status).toBe(200);
    const refused = await put(`turns/${second!.id}`, { reasons: ["slow"] });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toContain('"slow"');
  });
});
