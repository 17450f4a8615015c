// Two people on one tracemark through its real API, for comparing setups (SQLite vs PostgreSQL, one server vs
// replicas, before and after a reindex): ann and bob added with `npm run users`, the same labels by both, and
// what they then read (search, label states, the Overview, the review queue, every export by every annotator
// rule), with the times that come from the clock, not the data, set aside.
import { EXPORT_FORMATS } from "@/lib/shared/export-formats";
import { LABEL_STATES } from "@/lib/shared/labels";
import { runScriptAsync } from "./scripts";
import { waitFor } from "./sessions";
import type { TestServer } from "./server";

export const PEOPLE = ["ann", "bob"] as const;
export type Person = (typeof PEOPLE)[number];
export type Tokens = Record<Person, string>;

/** The headers of a request as `token`'s person (scripts may send a personal token instead of a cookie). */
export const as = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

export async function json<T>(base: string, route: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${base}${route}`, init);
  if (!response.ok) throw new Error(`${route}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** ann and bob added with `npm run users` under `env` (the server's database and data dir), each waited for
 * until the server knows them, without ever sending a token it does not know yet (the gate throttles those). */
export async function addPeople(server: TestServer, env: Record<string, string>): Promise<Tokens> {
  const add = async (name: Person): Promise<string> => {
    const result = await runScriptAsync("users", server.dataDir, env, ["add", name]);
    if (result.status !== 0) throw new Error(`npm run users -- add ${name}: ${result.output}`);
    return result.stdout.trim();
  };
  const ann = await add("ann");
  await waitFor(
    "the server to ask for a login once ann exists",
    () => fetch(`${server.ui}/api/stats`).then((response) => response.status),
    (status) => status === 401,
  );
  const bob = await add("bob");
  await waitFor(
    "bob among the people",
    () =>
      json<{ people: { name: string; has_login: boolean }[] }>(server.ui, "/api/people", {
        headers: as(ann),
      }),
    ({ people }) => people.some((person) => person.name === "bob" && person.has_login),
  );
  return { ann, bob };
}

/**
 * The same labels on every server, by session position in `sessionIds`. ann: the first turn of every third
 * session good, the second bad with a reason, a note and a correction. bob, after her: the same first turns,
 * bad on every other one (disagreements), and the last turn of every fourth session good with a note.
 */
export async function labelAsTwoPeople(
  server: TestServer,
  tokens: Tokens,
  sessionIds: string[],
): Promise<void> {
  const put = (person: Person, turnId: string, body: unknown): Promise<unknown> =>
    json(server.ui, `/api/turns/${turnId}/label`, {
      method: "PUT",
      headers: { ...as(tokens[person]), "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  const turnsOf = async (index: number, id: string): Promise<string[]> =>
    index % 3 === 0 || index % 4 === 0
      ? (
          await json<{ turns: { id: string }[] }>(server.ui, `/api/sessions/${encodeURIComponent(id)}`, {
            headers: as(tokens.ann),
          })
        ).turns.map((turn) => turn.id)
      : [];
  const turns = await Promise.all(sessionIds.map((id, index) => turnsOf(index, id)));
  for (const [index, [first, second]] of turns.entries()) {
    if (index % 3 !== 0) continue;
    if (first) await put("ann", first, { label: "good" });
    if (second)
      await put("ann", second, {
        label: "bad",
        reasons: ["wrong-approach"],
        note: `ann on session ${index}: zebrafish`,
        correction: "the answer it should have given",
      });
  }
  for (const [index, ids] of turns.entries()) {
    if (index % 3 === 0 && ids[0]) await put("bob", ids[0], { label: index % 2 === 0 ? "bad" : "good" });
    if (index % 4 === 0 && ids.length > 0)
      await put("bob", ids.at(-1)!, { label: "good", note: "bob agrees" });
  }
}

const ROUTES = [
  ...["zebrafish", "hello", "list files", "nonexistent", "notes.txt"].map(
    (q) => `/api/sessions?q=${encodeURIComponent(q)}&limit=500`,
  ),
  ...LABEL_STATES.map((state) => `/api/sessions?label_state=${state}&limit=500`),
  "/api/sessions?has_errors=true&limit=500",
  "/api/sessions?sort=tokens&limit=7",
  "/api/overview",
  "/api/tools",
  "/api/people",
  "/api/clients",
];

/** What each person reads besides the sessions, by `<person> <route>`: search, every label state, a sort, the
 * Overview, the review queue in both orders, every export format for themselves and for the other person; the
 * rules that do not depend on who asks (majority, any-bad, all) asked once. */
export async function readings(server: TestServer, tokens: Tokens): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const read = async (
    person: Person,
    route: string,
    parse: (r: Response) => Promise<unknown>,
  ): Promise<void> => {
    const response = await fetch(`${server.ui}${route}`, { headers: as(tokens[person]) });
    if (!response.ok)
      throw new Error(`${route} as ${person}: HTTP ${response.status} ${await response.text()}`);
    out[`${person} ${route}`] = await parse(response);
  };
  for (const person of PEOPLE) {
    for (const route of ROUTES) await read(person, route, (response) => response.json());
    for (const order of ["time", "triage"])
      out[`${person} review ${order}`] = await reviewWalk(server, as(tokens[person]), order);
    const other = person === "ann" ? "bob" : "ann";
    for (const format of EXPORT_FORMATS)
      for (const annotator of ["", `&annotator=${other}`])
        await read(person, `/api/export?format=${format}${annotator}`, exportLines(format));
  }
  for (const format of EXPORT_FORMATS)
    for (const rule of ["majority", "any-bad"])
      await read("ann", `/api/export?format=${format}&annotator=${rule}`, exportLines(format));
  await read("ann", "/api/export?format=turns&label=all&annotator=all", exportLines("turns"));
  return out;
}

/** The review queue's first steps, each after the last: the queue's order, not just its head. */
async function reviewWalk(
  server: TestServer,
  headers: Record<string, string>,
  order: string,
): Promise<unknown[]> {
  const steps: unknown[] = [];
  let after = "";
  for (let step = 0; step < 6; step++) {
    const next = await json<{ turn_id?: string }>(server.ui, `/api/review/next?order=${order}${after}`, {
      headers,
    });
    steps.push(next);
    if (!next.turn_id) break;
    after = `&after=${next.turn_id}`;
  }
  return steps;
}

/** The eval format's rows are OTLP log records stamped with their label's time. */
const EVAL_TIMES = new Set(["timeUnixNano", "observedTimeUnixNano"]);

/** An export's lines, parsed, so that its label times can be set aside like the API's. */
const exportLines =
  (format: string) =>
  async (response: Response): Promise<unknown[]> =>
    (await response.text())
      .split("\n")
      .filter(Boolean)
      .map(
        (line) =>
          JSON.parse(line, (key, field: unknown) =>
            format === "eval" && EVAL_TIMES.has(key) ? "<time>" : field,
          ) as unknown,
      );

/** Label times are when each server took the PUT, and a client's `last_seen_at` when its last request
 * arrived: equal in content, not in clock. */
const CLOCK_TIMES = new Set(["labeled_at", "at", "last_seen_at"]);
export const withoutClockTimes = <T>(value: T): T =>
  JSON.parse(JSON.stringify(value), (key, field: unknown) =>
    CLOCK_TIMES.has(key) && typeof field === "string" ? "<time>" : field,
  ) as T;
