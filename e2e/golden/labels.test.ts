// Labels are user data: they survive restarts, `npm run reindex` and losing the index entirely (the label
// journal brings them back), edits of label and note don't overwrite each other, and bad input gets a 400.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { replayCapture } from "../support/replay";
import { FIXTURES, ROOT, settledStats, startServer, tempDataDir, type TestServer } from "../support/server";

const run = promisify(execFile);
const dataDir = tempDataDir("tracemark-labels-");
let server: TestServer;

interface Detail {
  session: { id: string; session_label: { label: string | null; note: string } };
  turns: {
    id: string;
    label: {
      label: string | null;
      note: string;
      labeled_by: string | null;
      labeled_at: string | null;
      version: number;
    };
  }[];
}

async function put(target: string, body: unknown, raw = false): Promise<Response> {
  return fetch(`${server.ui}/api/${target}/label`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: raw ? (body as string) : JSON.stringify(body),
  });
}

async function detail(): Promise<Detail> {
  const list = (await (await fetch(`${server.ui}/api/sessions`)).json()) as { sessions: { id: string }[] };
  return (await (await fetch(`${server.ui}/api/sessions/${list.sessions[0]!.id}`)).json()) as Detail;
}

function labelsOf(d: Detail): unknown {
  return {
    session: { label: d.session.session_label.label, note: d.session.session_label.note },
    turns: d.turns.map((turn) => ({ id: turn.id, label: turn.label.label, note: turn.label.note })),
  };
}

beforeAll(async () => {
  server = await startServer({ dataDir, env: { TRACEMARK_USER: "tester" } });
  await replayCapture(path.join(FIXTURES, "codex", "multi_turn", "http-json"), server);
  await settledStats(server);
});
afterAll(async () => {
  await server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("label API", () => {
  test("sets, reports who and when, and bumps the version", async () => {
    const { turns } = await detail();
    const response = await put(`turns/${turns[0]!.id}`, { label: "good", note: "ran the right command" });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      label: string;
      note: string;
      labeled_by: string;
      labeled_at: string;
      version: number;
    };
    expect(body).toMatchObject({
      label: "good",
      note: "ran the right command",
      labeled_by: "tester",
      version: 1,
    });
    expect(Date.parse(body.labeled_at)).toBeGreaterThan(Date.now() - 60_000);
  });

  test("label and note are separate fields: last write wins per field", async () => {
    const { turns } = await detail();
    const id = turns[1]!.id;
    await put(`turns/${id}`, { label: "bad" });
    await put(`turns/${id}`, { note: "answer was wrong" }); // another tab, editing only the note
    const after = (await detail()).turns[1]!.label;
    expect(after).toMatchObject({ label: "bad", note: "answer was wrong", version: 2 });
    await put(`turns/${id}`, { label: null });
    expect((await detail()).turns[1]!.label).toMatchObject({ label: null, note: "answer was wrong" });
    await put(`turns/${id}`, { label: "bad" });
  });

  test("a whole session can be labeled", async () => {
    const { session } = await detail();
    expect((await put(`sessions/${session.id}`, { label: "bad", note: "too slow" })).status).toBe(200);
    expect((await detail()).session.session_label).toMatchObject({ label: "bad", note: "too slow" });
  });

  test("anything else gets 400 with a message, unknown ids 404", async () => {
    const { turns } = await detail();
    const id = turns[0]!.id;
    const bad: [unknown, RegExp, boolean?][] = [
      [{ label: "great" }, /label/],
      [{ label: 1 }, /label/],
      [{ label: "good", extra: true }, /extra|unrecognized/i],
      [{}, /label/],
      [{ note: 5 }, /note/],
      [{ label: "good", note: "x".repeat(20_001) }, /note/],
      ["not json", /JSON/, true],
      ["[]", /body|expected object/i, true],
    ];
    for (const [body, message, raw] of bad) {
      const response = await put(`turns/${id}`, body, raw);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(message);
    }
    expect((await put("turns/no-such-turn", { label: "good" })).status).toBe(404);
    expect((await put("sessions/no-such-session", { label: "good" })).status).toBe(404);
  });
});

describe("labels survive", () => {
  test("a restart, `npm run reindex`, and losing the index", async () => {
    const before = labelsOf(await detail());
    await server.stop();
    const { stdout } = await run(process.execPath, ["--import", "tsx", "scripts/reindex.ts"], {
      cwd: ROOT,
      env: { ...process.env, TRACEMARK_DATA_DIR: dataDir },
    });
    expect(stdout).toMatch(/reindexed 7 archived requests/);
    server = await startServer({ dataDir });
    await settledStats(server);
    expect(labelsOf(await detail())).toEqual(before);

    await server.stop();
    for (const file of fs.readdirSync(dataDir))
      if (file.startsWith("index.sqlite")) fs.rmSync(path.join(dataDir, file));
    server = await startServer({ dataDir });
    const stats = await settledStats(server);
    expect(stats).toMatchObject({ log_records: 86, spans: 1198, metric_points: 369, turns: 2 });
    expect(labelsOf(await detail())).toEqual(before);
  });
});
