// People through the real server (docs/team.md "People"): two people and a third added with the CLI, each
// signed in with their own token, label the same turns differently; the turn view shows both, flags the
// disagreement, the "others-not-me" filter finds what one has not labeled, the Overview's agreement figures
// match a case worked by hand, export takes one person / majority / any-bad / all, and reindex keeps it all.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { replayCapture } from "../support/replay";
import { FIXTURES, ROOT, startServer, tempDataDir, type TestServer } from "../support/server";

const dataDir = tempDataDir("tracemark-people-");
let server: TestServer;
const cookies: Record<string, string> = {};
const tokens: Record<string, string> = {};

/** Runs a script without blocking the event loop (a blocked loop misses the server closing idle sockets). */
function script(
  file: string,
  ...args: string[]
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", file, ...args],
      { cwd: ROOT, env: { ...process.env, TRACEMARK_DATA_DIR: dataDir }, encoding: "utf8", timeout: 240_000 },
      (error, stdout, stderr) => resolve({ status: error ? (error.code as number) : 0, stdout, stderr }),
    );
  });
}

const users = (...args: string[]): ReturnType<typeof script> => script("scripts/users.ts", ...args);

async function addPerson(name: string): Promise<void> {
  const result = await users("add", name);
  expect(result.status, result.stderr).toBe(0);
  tokens[name] = result.stdout.trim();
  expect(tokens[name]).toMatch(/^tmp_[A-Za-z0-9_-]{43}$/);
}

async function login(name: string): Promise<void> {
  const response = await fetch(`${server.ui}/login`, {
    method: "POST",
    body: new URLSearchParams({ token: tokens[name]!, next: "/" }),
    redirect: "manual",
  });
  expect(response.status).toBe(303);
  const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0]!;
  expect(cookie).not.toContain(tokens[name]!);
  cookies[name] = cookie;
}

const api = (name: string, route: string, init: RequestInit = {}): Promise<Response> =>
  fetch(`${server.ui}/api/${route}`, {
    ...init,
    headers: { cookie: cookies[name]!, "content-type": "application/json", ...init.headers },
  });

async function json<T>(name: string, route: string): Promise<T> {
  const response = await api(name, route);
  expect(response.status, `${route}: ${await response.clone().text()}`).toBe(200);
  return (await response.json()) as T;
}

async function label(name: string, turnId: string, value: "good" | "bad"): Promise<void> {
  const response = await api(name, `turns/${turnId}/label`, {
    method: "PUT",
    body: JSON.stringify({ label: value, note: `${name} says ${value}` }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  expect(((await response.json()) as { labeled_by: string }).labeled_by).toBe(name);
}

interface TurnOfView {
  id: string;
  label: { label: string | null; labeled_by: string | null };
  labels_by: { author: string; label: string | null; note: string }[];
  disagreement: boolean;
}
interface ListRow {
  id: string;
  disagreements: number;
  others_labeled: number;
  labeled_turns: number;
}

const sessions = async (name: string, query = ""): Promise<ListRow[]> =>
  (await json<{ sessions: ListRow[] }>(name, `sessions?sort=started_at&order=asc${query}`)).sessions;

const detail = (name: string, id: string): Promise<{ turns: TurnOfView[] }> => json(name, `sessions/${id}`);

async function exportLines(
  name: string,
  query: string,
): Promise<{ turn_id: string; label: string; labeled_by: string }[]> {
  const response = await api(name, `export?format=turns&${query}`);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.text())
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { turn_id: string; label: string; labeled_by: string });
}

/** The first four turns in list order: two sessions of two turns (codex multi_turn, gemini two-prompts). */
let turns: string[] = [];
let sessionIds: string[] = [];

beforeAll(async () => {
  await addPerson("ann");
  server = await startServer({ dataDir });
  await addPerson("bob"); // while the server runs: it notices at the next request
  await addPerson("cara");
  await replayCapture(path.join(FIXTURES, "codex", "multi_turn", "http-json"), server);
  await replayCapture(path.join(FIXTURES, "gemini-cli", "two-prompts", "http"), server);
  for (const name of ["ann", "bob", "cara"]) await login(name);
  const deadline = Date.now() + 120_000;
  for (;;) {
    const stats = await json<{ turns: number }>("ann", "stats?settle=1");
    if (stats.turns >= 4 || Date.now() > deadline) break;
  }
  sessionIds = (await sessions("ann")).map((row) => row.id);
  for (const id of sessionIds) turns.push(...(await detail("ann", id)).turns.map((turn) => turn.id));
  expect(turns.length).toBeGreaterThanOrEqual(4);
  turns = turns.slice(0, 4);
}, 300_000);

afterAll(async () => {
  await server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("identities", () => {
  test("the CLI refuses bad, huge, reserved and duplicate names with a clear message", async () => {
    const cases: [string[], RegExp, number][] = [
      [["add", "Bad Name"], /not a name/, 2],
      [["add", "x".repeat(5000)], /at most 40 characters/, 2],
      [["add", "majority"], /reserved/, 2],
      [["add", "ann"], /already has a token/, 2],
      [["remove", "nobody"], /no person named nobody/, 3],
      [["frobnicate"], /usage: npm run users/, 2],
    ];
    for (const [args, message, status] of cases) {
      const result = await users(...args);
      expect(result.status, args.join(" ")).toBe(status);
      expect(result.stderr).toMatch(message);
      expect(result.stdout).not.toMatch(/tmp_/);
    }
    const list = await users("list");
    expect(list.stdout).toMatch(/^ann\t/m);
    expect(list.stdout).toMatch(/^bob\t/m);
    expect(fs.readFileSync(path.join(dataDir, "users.jsonl"), "utf8")).not.toContain(tokens.ann);
  });

  test("once people exist the UI needs a login; forged and unknown cookies are refused", async () => {
    const anonymous = await fetch(`${server.ui}/api/sessions`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).toMatch(/requires a personal token \(npm run users -- add NAME\)/);
    expect(await (await fetch(`${server.ui}/api/stats`)).text()).toMatch(/personal token/);
    expect((await fetch(`${server.ui}/`, { redirect: "manual" })).status).toBe(303);
    const [, mac] = cookies.ann!.split(".");
    for (const cookie of [
      `tracemark_token=ann.${"0".repeat(64)}`,
      `tracemark_token=zed.${mac}`,
      `tracemark_token=bob.${mac}`,
      `tracemark_token=${"a".repeat(5000)}`,
      `tracemark_token=${tokens.ann}`,
    ]) {
      const response = await fetch(`${server.ui}/api/stats`, { headers: { cookie } });
      expect(response.status, cookie.slice(0, 60)).toBe(401);
      expect(await response.text()).toMatch(/no longer valid/);
    }
    const wrong = await fetch(`${server.ui}/login`, {
      method: "POST",
      body: new URLSearchParams({ token: "tmp_not-a-token", next: "/" }),
      redirect: "manual",
    });
    expect(wrong.status).toBe(401);
    // a personal token works as a bearer token on the API, and acts as its person
    const bearer = await fetch(`${server.ui}/api/people`, {
      headers: { authorization: `Bearer ${tokens.bob}` },
    });
    expect(((await bearer.json()) as { me: string }).me).toBe("bob");
  });

  test("a client cannot claim another person's name", async () => {
    const response = await api("ann", "people", { headers: { "x-tracemark-person": "bob" } });
    expect(((await response.json()) as { me: string }).me).toBe("ann");
  });
});

describe("labels by several people", () => {
  test("bob labels everything; ann's review filter finds what others labeled and she has not", async () => {
    for (const [index, value] of (["good", "bad", "bad", "bad"] as const).entries())
      await label("bob", turns[index]!, value);
    await label("ann", turns[0]!, "good");
    await label("ann", turns[1]!, "good");
    const filtered = await sessions("ann", "&label_state=others-not-me");
    expect(filtered.map((row) => row.id)).toEqual([sessionIds[1]]);
    const next = await json<{ turn_id: string }>("ann", "review/next?label_state=others-not-me");
    expect(next.turn_id).toBe(turns[2]);
    expect(await sessions("bob", "&label_state=others-not-me")).toEqual([]);
  });

  test("ann finishes; the views show each person's own label, the others' and the disagreement", async () => {
    await label("ann", turns[2]!, "bad");
    await label("ann", turns[3]!, "bad");
    await label("cara", turns[0]!, "good");
    expect(await sessions("ann", "&label_state=others-not-me")).toEqual([]);

    const annView = await detail("ann", sessionIds[0]!);
    const [first, second] = annView.turns;
    expect(first!.label).toMatchObject({ label: "good", labeled_by: "ann" });
    expect(first!.labels_by.map((other) => [other.author, other.label])).toEqual([
      ["bob", "good"],
      ["cara", "good"],
    ]);
    expect(first!.disagreement).toBe(false);
    expect(second!.label.label).toBe("good");
    expect(second!.labels_by).toEqual([
      expect.objectContaining({ author: "bob", label: "bad", note: "bob says bad" }),
    ]);
    expect(second!.disagreement).toBe(true);

    const bobView = await detail("bob", sessionIds[0]!);
    expect(bobView.turns[1]!.label).toMatchObject({ label: "bad", labeled_by: "bob" });
    expect(bobView.turns[1]!.labels_by.map((other) => other.author)).toEqual(["ann"]);

    const rows = await sessions("ann");
    expect(rows[0]).toMatchObject({ disagreements: 1, others_labeled: 2, labeled_turns: 2 });
    expect(rows[1]).toMatchObject({ disagreements: 0, others_labeled: 2, labeled_turns: 2 });
  });

  test("the Overview's agreement matches the case worked by hand", async () => {
    // ann: good, good, bad, bad; bob: good, bad, bad, bad; cara: good on the first turn only.
    // ann–bob: 4 shared turns, 3 agree → 75 %. ann good 2/4, bob good 1/4: pe = .5·.25 + .5·.75 = .5,
    //   kappa = (.75 − .5) / (1 − .5) = 0.5.
    // ann–cara and bob–cara: 1 shared turn, both good → 100 %, pe = 1 → kappa undefined (null).
    const overview = await json<{ agreement: { pairs: unknown[] } }>("ann", "overview");
    expect(overview.agreement.pairs).toEqual([
      { a: "ann", b: "bob", turns: 4, agreed: 3, percent_agreement: 75, kappa: 0.5 },
      { a: "ann", b: "cara", turns: 1, agreed: 1, percent_agreement: 100, kappa: null },
      { a: "bob", b: "cara", turns: 1, agreed: 1, percent_agreement: 100, kappa: null },
    ]);
  });

  test("export takes one person, the majority, any-bad, or all with their authors", async () => {
    const verdicts = (lines: { turn_id: string; label: string }[]): (string | undefined)[] =>
      turns.map((id) => lines.find((line) => line.turn_id === id)?.label);
    const mine = await exportLines("ann", "label=labeled");
    expect(verdicts(mine)).toEqual(["good", "good", "bad", "bad"]);
    expect(new Set(mine.map((line) => line.labeled_by))).toEqual(new Set(["ann"]));
    expect(verdicts(await exportLines("ann", "label=labeled&annotator=bob"))).toEqual([
      "good",
      "bad",
      "bad",
      "bad",
    ]);
    // turn 2: ann good, bob bad, a tie: no majority, so not a labeled turn
    expect(verdicts(await exportLines("ann", "label=labeled&annotator=majority"))).toEqual([
      "good",
      undefined,
      "bad",
      "bad",
    ]);
    expect(verdicts(await exportLines("ann", "label=labeled&annotator=any-bad"))).toEqual([
      "good",
      "bad",
      "bad",
      "bad",
    ]);
    const all = await exportLines("ann", "label=labeled&annotator=all");
    expect(
      all.map((line) => `${turns.indexOf(line.turn_id)}:${line.labeled_by}:${line.label}`).sort(),
    ).toEqual(
      [
        "0:ann:good",
        "0:bob:good",
        "0:cara:good",
        "1:ann:good",
        "1:bob:bad",
        "2:ann:bad",
        "2:bob:bad",
        "3:ann:bad",
        "3:bob:bad",
      ].sort(),
    );
    for (const [query, message] of [
      ["annotator=zed", /zed" has no labels \(people with labels: ann, bob, cara/],
      [`annotator=${"x".repeat(500)}`, /annotator/],
    ] as const) {
      const response = await api("ann", `export?${query}`);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(message);
    }
    const zip = await api("ann", "export?annotator=majority&bundle=zip");
    expect(zip.status).toBe(200);
  });

  test("the export CLI takes --annotator and the dataset card says whose labels", async () => {
    const out = path.join(dataDir, "majority.jsonl");
    const result = await script("scripts/export.ts", "--annotator", "majority", "--out", out);
    expect(result.status, result.stderr).toBe(0);
    expect(fs.readFileSync(out, "utf8").trim().split("\n")).toHaveLength(3);
    expect(fs.readFileSync(path.join(dataDir, "majority.card.md"), "utf8")).toMatch(
      /Whose labels: the \*\*majority\*\*/,
    );
  });
});

describe("revoking and rebuilding", () => {
  test("a removed person's login stops at once, with a clear answer", async () => {
    expect((await users("remove", "cara")).status).toBe(0);
    const response = await api("cara", "sessions");
    expect(response.status).toBe(401);
    expect(await response.text()).toMatch(/no longer valid/);
    expect((await api("ann", "sessions")).status).toBe(200);
  });

  test("`npm run reindex` keeps every person's labels", async () => {
    const before = await detail("ann", sessionIds[0]!);
    await server.stop();
    const result = await script("scripts/reindex.ts");
    expect(result.status, result.stderr).toBe(0);
    server = await startServer({ dataDir });
    await login("ann");
    const after = await detail("ann", sessionIds[0]!);
    const labelsOf = (view: { turns: TurnOfView[] }): unknown =>
      view.turns.map((turn) => [
        turn.label.label,
        turn.labels_by.map((other) => [other.author, other.label]),
      ]);
    expect(labelsOf(after)).toEqual(labelsOf(before));
  });
});
