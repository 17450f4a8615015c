// Search that shows where it matched (snippets with the hits marked, notes searchable and kept current, also
// after `npm run reindex`) and sorting by every list column with keyset paging, over real captures replayed
// through the real OTLP endpoints and notes written through the real label API.
import { execFile } from "node:child_process";
import fs from "node:fs";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { listCaptureFolders, replayCapture } from "../support/replay";
import { ROOT, settledStats, startServer, type TestServer } from "../support/server";

const run = promisify(execFile);
const FOLDERS = listCaptureFolders().filter((folder) => /\/(http-json|http)$/.test(folder));
const SORTS = ["started_at", "duration", "turns", "tools", "errors", "tokens", "labeled"] as const;

interface Match {
  field: string;
  turn_id: string | null;
  turn_index: number | null;
  snippet: { text: string; hit: boolean }[];
}
interface Summary {
  id: string;
  started_at: string;
  duration_ms: number | null;
  turns: number;
  tool_calls: number;
  tool_failures: number;
  api_errors: number;
  input_tokens: number;
  output_tokens: number;
  labeled_turns: number;
  matches?: Match[];
}
interface Page {
  sessions: Summary[];
  total: number;
  next: string | null;
}
interface Detail {
  turns: {
    id: string;
    index: number;
    prompt: string | null;
    response: string | null;
    tool_calls: { arguments: string | null; output: string | null }[];
  }[];
}

let server: TestServer;
let all: Summary[];

async function get<T>(query: string): Promise<T> {
  const response = await fetch(`${server.ui}${query}`);
  expect(response.status, `${query}: ${await response.clone().text()}`).toBe(200);
  return (await response.json()) as T;
}
const search = (q: string): Promise<Page> => get<Page>(`/api/sessions?limit=500&q=${encodeURIComponent(q)}`);
const hits = (match: Match | undefined): string[] =>
  (match?.snippet ?? []).filter((part) => part.hit).map((part) => part.text.toLowerCase());
const words = (text: string | null | undefined): string[] =>
  (text ?? "").toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];

async function putNote(kind: "turns" | "sessions", id: string, note: string): Promise<void> {
  const response = await fetch(`${server.ui}/api/${kind}/${encodeURIComponent(id)}/label`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ note }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

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

describe("search shows where it matched", () => {
  test("a word found only in a tool's output: the first turn holding it, field `tools`, the word marked", async () => {
    const details = await Promise.all(
      all.map(async (s) => ({
        id: s.id,
        detail: await get<Detail>(`/api/sessions/${encodeURIComponent(s.id)}`),
      })),
    );
    const spoken = new Set(
      details.flatMap(({ detail }) =>
        detail.turns.flatMap((turn) => [...words(turn.prompt), ...words(turn.response)]),
      ),
    );
    // A word of some tool output that no prompt or answer has, even as a prefix (the search matches prefixes).
    let found: { word: string; sessionId: string } | undefined;
    for (const { id, detail } of details) {
      for (const turn of detail.turns) {
        const candidate = turn.tool_calls
          .flatMap((call) => words(call.output))
          .find(
            (word) =>
              word.length >= 6 &&
              /^\p{L}+$/u.test(word) &&
              ![...spoken].some((other) => other.startsWith(word)),
          );
        if (candidate && !found) found = { word: candidate, sessionId: id };
      }
    }
    expect(found, "the captures hold a tool output word found nowhere else").toBeDefined();
    const { word, sessionId } = found!;
    const page = await search(word);
    const hit = page.sessions.find((session) => session.id === sessionId);
    expect(hit).toBeDefined();
    const match = hit!.matches![0]!;
    expect(match.field).toBe("tools");
    expect(hits(match).some((text) => text.startsWith(word))).toBe(true);
    const detail = details.find((d) => d.id === sessionId)!.detail;
    const first = detail.turns.find((turn) =>
      turn.tool_calls.some((call) =>
        words(`${call.arguments ?? ""} ${call.output ?? ""}`).some((w) => w.startsWith(word)),
      ),
    )!;
    expect(match.turn_id).toBe(first.id);
    expect(match.turn_index).toBe(first.index);
    for (const session of page.sessions) expect(session.matches!.length).toBeGreaterThan(0);
  });

  test("notes are searchable, and the search follows every change of a note", async () => {
    const target = all.find((s) => s.turns >= 2)!;
    const detail = await get<Detail>(`/api/sessions/${encodeURIComponent(target.id)}`);
    const turn = detail.turns[1]!;
    await putNote("turns", turn.id, "checked by hand: quokkaquince agrees");
    let page = await search("quokkaquince");
    expect(page.sessions.map((s) => s.id)).toEqual([target.id]);
    const match = page.sessions[0]!.matches!.find((m) => m.field === "note")!;
    expect(match).toMatchObject({ turn_id: turn.id, turn_index: turn.index });
    expect(hits(match)).toEqual(["quokkaquince"]);
    expect(match.snippet.map((part) => part.text).join("")).toBe("checked by hand: quokkaquince agrees");

    await putNote("turns", turn.id, "now it says marmotmango");
    expect((await search("quokkaquince")).total).toBe(0);
    expect((await search("marmotmango")).sessions.map((s) => s.id)).toEqual([target.id]);
    await putNote("turns", turn.id, "");
    expect((await search("marmotmango")).total).toBe(0);

    await putNote("sessions", target.id, "the whole session: wombatwalnut <b>bold</b>");
    page = await search("wombatwalnut");
    expect(page.sessions.map((s) => s.id)).toEqual([target.id]);
    const sessionMatch = page.sessions[0]!.matches!.find((m) => m.field === "note")!;
    expect(sessionMatch.turn_id).toBeNull();
    // The note's markup comes back as text, never as a marked-up snippet.
    expect(sessionMatch.snippet.map((part) => part.text).join("")).toContain("<b>bold</b>");
    expect(hits(sessionMatch)).toEqual(["wombatwalnut"]);
  });

  test("a search for words typed as operators still works and matches nothing odd", async () => {
    expect((await search('"(*:^ AND OR')).sessions).toEqual([]);
    expect((await search("zzzznotthere")).total).toBe(0);
  });
});

describe("sorting by every column", () => {
  const keyOf: Record<(typeof SORTS)[number], (s: Summary) => number> = {
    started_at: (s) => Date.parse(s.started_at),
    duration: (s) => s.duration_ms ?? -1,
    turns: (s) => s.turns,
    tools: (s) => s.tool_calls,
    errors: (s) => s.api_errors + s.tool_failures,
    tokens: (s) => s.input_tokens + s.output_tokens,
    labeled: (s) => s.labeled_turns,
  };

  beforeAll(async () => {
    // Different labeled counts in two sessions, so sort=labeled orders something.
    const [one, two] = all.filter((s) => s.turns >= 2);
    for (const [session, count] of [
      [one!, 1],
      [two!, 2],
    ] as const) {
      const detail = await get<Detail>(`/api/sessions/${encodeURIComponent(session.id)}`);
      for (const turn of detail.turns.slice(0, count)) {
        const response = await fetch(`${server.ui}/api/turns/${encodeURIComponent(turn.id)}/label`, {
          method: "PUT",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ label: "good" }),
        });
        expect(response.status).toBe(200);
      }
    }
    all = (await get<Page>("/api/sessions?limit=500")).sessions;
  });

  test.each(SORTS)("sort=%s in both orders; keyset pages of 2 walk the same list once", async (sort) => {
    for (const order of ["desc", "asc"] as const) {
      const full = (await get<Page>(`/api/sessions?limit=500&sort=${sort}&order=${order}`)).sessions;
      const sign = order === "desc" ? -1 : 1;
      const expected = [...full].sort(
        (a, b) => sign * (keyOf[sort](a) - keyOf[sort](b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
      );
      expect(full.map((s) => s.id)).toEqual(expected.map((s) => s.id));
      expect(full.map((s) => s.id).sort()).toEqual(all.map((s) => s.id).sort());
      const seen: string[] = [];
      let next: string | null = null;
      do {
        const page: Page = await get<Page>(
          `/api/sessions?limit=2&sort=${sort}&order=${order}${next ? `&before=${next}` : ""}`,
        );
        seen.push(...page.sessions.map((s) => s.id));
        next = page.next;
      } while (next);
      expect(seen).toEqual(full.map((s) => s.id));
    }
    // The columns differ across the captures, so each sort really orders something.
    expect(new Set(all.map(keyOf[sort])).size).toBeGreaterThan(1);
  });

  test("bad sort, order, or a cursor of another sort get 400 naming the parameter", async () => {
    const first = await get<Page>("/api/sessions?limit=2&sort=tokens");
    for (const [query, name] of [
      ["sort=cost", "sort"],
      ["order=up", "order"],
      [`sort=turns&before=${first.next}`, "before"],
      [`sort=tokens&order=asc&before=${first.next}`, "before"],
    ]) {
      const response = await fetch(`${server.ui}/api/sessions?${query}`);
      expect(response.status, query).toBe(400);
      expect(await response.text()).toContain(name);
    }
  });
});

test("`npm run reindex --data-dir` rebuilds the note search", async () => {
  const target = all[0]!;
  await putNote("sessions", target.id, "kept through reindex: lynxlantern");
  await server.stop();
  await run(process.execPath, ["--import", "tsx", "scripts/reindex.ts", "--data-dir", server.dataDir], {
    cwd: ROOT,
    env: { ...process.env, TRACEMARK_DATA_DIR: "" },
  });
  server = await startServer({ dataDir: server.dataDir });
  await settledStats(server);
  expect((await search("lynxlantern")).sessions.map((s) => s.id)).toEqual([target.id]);
  expect((await search("wombatwalnut")).total).toBe(1);
}, 120_000);
