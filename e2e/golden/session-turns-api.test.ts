// The session page's reads over real captures and a long Claude-Code-like session, through the real server:
// the outline and ranges reassemble to exactly GET /api/sessions/{id}, find agrees with the same rule over the
// full detail (notes included), and bad ranges and queries get clear 400s, unknown sessions 404.
import fs from "node:fs";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { Corpus } from "../../bench/scale/corpus";
import { findableText, findTerms, matchesTerms } from "@/lib/shared/find";
import { PROMPT_PREVIEW_CHARS } from "@/db/queries/session-turns";
import {
  fromOutlineWire,
  type SessionFind,
  type SessionOutline,
  type SessionOutlineWire,
  type TurnRange,
} from "@/lib/shared/session-outline";
import { SIGNAL_KINDS } from "@/lib/shared/signals";
import type { SessionDetail, TurnView } from "@/lib/shared/views";
import { listCaptureFolders, replayCapture } from "../support/replay";
import { settledStats, startServer, type TestServer } from "../support/server";

const FOLDERS = listCaptureFolders().filter((folder) => /\/(http-json|http)$/.test(folder));
const LONG_TURNS = 450;
const LONG = randomUUID();

let server: TestServer;
let ids: string[];

async function get<T>(path: string): Promise<T> {
  const response = await fetch(`${server.ui}${path}`);
  expect(response.status, `${path}: ${await response.clone().text()}`).toBe(200);
  return (await response.json()) as T;
}

/** The outline as the page reads it (columns back into one object per turn). */
const outlineOf = async (path: string): Promise<SessionOutline> =>
  fromOutlineWire(await get<SessionOutlineWire>(path));

async function status(path: string): Promise<{ status: number; error: string }> {
  const response = await fetch(`${server.ui}${path}`);
  return { status: response.status, error: ((await response.json()) as { error: string }).error };
}

const detailOf = (id: string) => get<SessionDetail>(`/api/sessions/${encodeURIComponent(id)}`);

/** Every turn through ranges of `size`, concatenated. */
async function allByRanges(id: string, total: number, size: number): Promise<TurnView[]> {
  const turns: TurnView[] = [];
  for (let from = 0; from < total; from += size) {
    const range = await get<TurnRange>(
      `/api/sessions/${encodeURIComponent(id)}/turns?from=${from}&to=${from + size}`,
    );
    expect(range.from).toBe(from);
    expect(range.total).toBe(total);
    expect(range.to).toBe(Math.min(from + size, total));
    turns.push(...range.turns);
  }
  return turns;
}

beforeAll(async () => {
  server = await startServer();
  for (const folder of FOLDERS) await replayCapture(folder, server);
  const corpus = new Corpus();
  const plan = { id: LONG, index: 3, turns: LONG_TURNS };
  for (let from = 0; from < LONG_TURNS; from += 50) {
    const response = await fetch(`${server.otlpHttp}/v1/logs`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: new Uint8Array(corpus.body(plan, from, 50)),
    });
    expect(response.status).toBe(200);
  }
  await settledStats(server);
  ids = (await get<{ sessions: { id: string }[] }>("/api/sessions?limit=500")).sessions.map((s) => s.id);
  // Labels and notes, so the outline carries them and find reaches a word only in a note.
  const long = await detailOf(LONG);
  for (const [at, change] of [
    [0, { label: "good" }],
    [7, { label: "bad", note: "Wrong FILE edited, quokka" }],
    [449, { note: 'says "done" too early' }],
  ] as const) {
    const response = await fetch(`${server.ui}/api/turns/${long.turns[at]!.id}/label`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(change),
    });
    expect(response.status).toBe(200);
  }
}, 300_000);
afterAll(async () => {
  await server.stop();
  fs.rmSync(server.dataDir, { recursive: true, force: true });
});

describe("outline and ranges", () => {
  test("reassemble to exactly the full detail, for every session", async () => {
    expect(ids).toContain(LONG);
    for (const id of ids) {
      const detail = await detailOf(id);
      const outline = await outlineOf(`/api/sessions/${encodeURIComponent(id)}?view=outline`);
      expect(outline.session).toEqual(detail.session);
      expect(outline.outline.map((turn) => turn.id)).toEqual(detail.turns.map((turn) => turn.id));
      outline.outline.forEach((entry, i) => {
        const turn = detail.turns[i]!;
        expect(entry).toEqual({
          id: turn.id,
          index: turn.index,
          started_at: turn.started_at,
          ended_at: turn.ended_at,
          model: turn.model,
          prompt_preview: turn.prompt === null ? null : turn.prompt.slice(0, PROMPT_PREVIEW_CHARS),
          prompt_redacted: turn.prompt_redacted,
          tool_calls: turn.tool_calls.length,
          api_calls: turn.api_calls.length,
          signals: SIGNAL_KINDS.filter((kind) => turn.signals.some((signal) => signal.kind === kind)),
          label: turn.label,
        });
      });
      const { window } = outline;
      expect(window.turns).toEqual(detail.turns.slice(window.from, window.to));
      expect(window.from).toBe(0);
      expect(await allByRanges(id, detail.turns.length, id === LONG ? 37 : 1)).toEqual(detail.turns);
    }
  });

  test("the long session comes whole from the largest ranges, and its window centres on ?turn=", async () => {
    const detail = await detailOf(LONG);
    expect(detail.turns).toHaveLength(LONG_TURNS);
    expect(await allByRanges(LONG, LONG_TURNS, 200)).toEqual(detail.turns);
    const target = detail.turns[300]!;
    const outline = await outlineOf(`/api/sessions/${LONG}?view=outline&turn=${target.id}`);
    expect(outline.window.turns.map((turn) => turn.id)).toContain(target.id);
    expect(outline.window.turns).toEqual(detail.turns.slice(outline.window.from, outline.window.to));
    const last = await outlineOf(`/api/sessions/${LONG}?view=outline&turn=${detail.turns.at(-1)!.id}`);
    expect(last.window.to).toBe(LONG_TURNS);
    // a turn of another session, or none at all: the window starts at the first turn
    const other = await outlineOf(`/api/sessions/${LONG}?view=outline&turn=${ids.find((i) => i !== LONG)}`);
    expect(other.window.from).toBe(0);
    expect(outline.outline[7]!.label).toMatchObject({ label: "bad", note: "Wrong FILE edited, quokka" });
  });

  test("the outline is sent lean: columns, labels only for the labeled turns, models once", async () => {
    const wire = await get<SessionOutlineWire>(`/api/sessions/${LONG}?view=outline`);
    const { outline } = wire;
    expect(outline.ids).toHaveLength(LONG_TURNS);
    for (const column of [
      "index",
      "started_at",
      "ended_at",
      "model",
      "prompt_preview",
      "tool_calls",
    ] as const)
      expect(outline[column], column).toHaveLength(LONG_TURNS);
    expect(Object.keys(outline.labels).sort()).toEqual(["0", "449", "7"]);
    expect(new Set(outline.models).size).toBe(outline.models.length);
    expect(outline.started_at.every((ms) => ms === null || Number.isInteger(ms))).toBe(true);
    expect(JSON.stringify(outline).length / LONG_TURNS).toBeLessThan(250);
  });

  test("a range past the end is cut at the end (empty beyond it)", async () => {
    const tail = await get<TurnRange>(`/api/sessions/${LONG}/turns?from=440&to=640`);
    expect([tail.from, tail.to, tail.turns.length]).toEqual([440, LONG_TURNS, 10]);
    const beyond = await get<TurnRange>(`/api/sessions/${LONG}/turns?from=5000&to=5001`);
    expect([beyond.from, beyond.to, beyond.turns]).toEqual([LONG_TURNS, LONG_TURNS, []]);
  });

  test("bad ranges are 400 with the broken part named; unknown sessions 404", async () => {
    const turnsOf = (query: string) => status(`/api/sessions/${LONG}/turns${query}`);
    for (const [query, message] of [
      ["?from=-1&to=5", /from: must be a whole number/],
      ["?from=5&to=3", /to: to must be greater than from/],
      ["?from=5&to=5", /to: to must be greater than from/],
      ["?from=0&to=201", /at most 200 turns/],
      ["?from=abc&to=10", /from: must be a whole number/],
      ["?from=1e3&to=1001", /from: must be a whole number/],
      ["?from=0.5&to=10", /from: must be a whole number/],
      ["?from=0&to=99999999999", /to: must be a whole number/],
      ["?to=10", /from: required/],
      ["", /from: required.*to: required/],
    ] as const) {
      const answer = await turnsOf(query);
      expect(answer.status, query).toBe(400);
      expect(answer.error, query).toMatch(message);
    }
    expect((await status(`/api/sessions/${LONG}?view=everything`)).status).toBe(400);
    expect((await status(`/api/sessions/${LONG}?view=outline&turn=${"x".repeat(201)}`)).status).toBe(400);
    for (const path of ["/turns?from=0&to=10", "/find?q=hello", "?view=outline", ""]) {
      const answer = await status(`/api/sessions/no-such-session${path}`);
      expect(answer.status, path).toBe(404);
      expect(answer.error).toContain("no-such-session");
    }
  });
});

describe("find", () => {
  const oracle = (detail: SessionDetail, q: string): string[] =>
    detail.turns
      .filter((turn) => matchesTerms(findableText(turn, turn.label.note), findTerms(q)))
      .map((turn) => turn.id);

  test("finds exactly the turns the reader's rule matches, over every turn and note", async () => {
    const long = await detailOf(LONG);
    const queries = [
      long.turns[444]!.prompt!.split(" ").slice(2, 4).join(" "),
      "QUOKKA",
      "wrong file",
      '"done"',
      "zebra crossing",
      long.turns[3]!.tool_calls[0]!.name.toUpperCase(),
      "größe",
      "session_id",
      "nothing-matches-this",
    ];
    for (const id of [LONG, ...ids.slice(0, 12)]) {
      const detail = id === LONG ? long : await detailOf(id);
      const words = (detail.turns[0]?.prompt ?? "x").split(/\s+/).slice(0, 2).join(" ");
      for (const q of [...queries, words]) {
        const found = await get<SessionFind>(
          `/api/sessions/${encodeURIComponent(id)}/find?q=${encodeURIComponent(q)}`,
        );
        expect(found.turn_ids, `${id} ${q}`).toEqual(oracle(detail, q));
        expect(found.terms).toEqual(findTerms(q));
      }
    }
    const inNote = await get<SessionFind>(`/api/sessions/${LONG}/find?q=quokka`);
    expect(inNote.turn_ids).toEqual([long.turns[7]!.id]);
  });

  test("bad queries are 400", async () => {
    for (const [query, message] of [
      ["", /q: required/],
      ["?q=", /must have a term/],
      ["?q=%20%20", /must have a term/],
      [`?q=${"a".repeat(1001)}`, /at most 1000 characters/],
      [`?q=${Array.from({ length: 21 }, (_, i) => `t${i}`).join("+")}`, /at most 20 terms/],
    ] as const) {
      const answer = await status(`/api/sessions/${LONG}/find${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.error, query).toMatch(message);
    }
  });
});
