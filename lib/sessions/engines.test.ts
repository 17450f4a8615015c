// Every read the session API serves, from the same index on SQLite and on PostgreSQL: the list under each filter,
// each sort paged by its keyset, search with snippets, details with every person's labels, outlines and turn
// ranges, find in session, the review walks, neighbours, client activity. The index is the real fixtures built
// by the real builder (SQLite), labeled by two people, and copied into an empty PostgreSQL.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { copySqliteIndex } from "@/db/copy-tables";
import { listAllLabelsByTargets, listLabelsByTargets, saveLabelByTarget } from "@/db/queries/labels";
import { rebuildNoteSearch } from "@/db/queries/search";
import type { Store } from "@/db/store";
import { sqliteStoreOf } from "@/db/store-sqlite";
import { replayEngineFixture } from "@/e2e/support/engine-fixture";
import type { ReplayIndex } from "@/e2e/support/index-replay";
import { testEngines, type OpenedStore } from "@/e2e/support/stores";
import { listClientActivity } from "@/lib/connect/activity";
import { SESSION_SORTS, type SessionPage } from "@/lib/shared/views";
import { findInSession } from "./find";
import { sessionFilterQuery, toSessionFilter } from "./filter";
import { readReviewNext, readSessionNeighbors } from "./navigate";
import { readSessionOutline, readTurnRange } from "./outline";
import { decodeCursor, readSessionDetail, readSessionPage } from "./read";

const engines = testEngines();
const postgres = engines.list.find((engine) => engine.name === "postgres");
let replay: ReplayIndex;
let sqlite: Store;
let pg: OpenedStore;

interface Seeded {
  sessions: { id: string; client: string }[];
  turns: { id: string; sessionId: string }[];
  models: string[];
  signals: string[];
  tools: string[];
}
let seeded: Seeded;

/** Labels by ann and bob: agreeing, disagreeing, ann only, bob only (others-not-me for ann), notes, reasons. */
async function label(store: Store, turns: Seeded["turns"], sessions: Seeded["sessions"]): Promise<void> {
  let at = 1_795_000_000_000;
  const save = (targetType: "turn" | "session", targetId: string, labeledBy: string, fields: object) =>
    saveLabelByTarget({ store, targetType, targetId, labeledBy, labeledAt: at++, fields });
  for (const [i, turn] of turns.entries()) {
    const kind = i % 5;
    if (kind === 0) await save("turn", turn.id, "ann", { label: "good", note: "tidy fix of the parser" });
    if (kind === 0 && i % 2 === 0) await save("turn", turn.id, "bob", { label: "good" });
    if (kind === 1) await save("turn", turn.id, "ann", { label: "bad", reasons: ["hallucinated"] });
    if (kind === 1) await save("turn", turn.id, "bob", { label: "good", note: "looks right to me" });
    if (kind === 2) await save("turn", turn.id, "bob", { label: "bad", reasons: ["incomplete"] });
    if (kind === 3) await save("turn", turn.id, "ann", { note: "a note without a verdict" });
  }
  for (const [i, session] of sessions.entries())
    if (i % 3 === 0)
      await save("session", session.id, i % 2 ? "bob" : "ann", { label: "bad", note: "whole session" });
}

beforeAll(async () => {
  replay = await replayEngineFixture();
  sqlite = sqliteStoreOf(replay.db);
  const distinct = async (sql: string) => (await sqlite.all<{ v: string }>(sql)).map((row) => row.v);
  seeded = {
    sessions: await sqlite.all("SELECT id, client FROM sessions ORDER BY id"),
    turns: await sqlite.all("SELECT id, session_id AS sessionId FROM turns ORDER BY session_id, turn_index"),
    models: await distinct("SELECT DISTINCT value AS v FROM sessions, json_each(sessions.models) ORDER BY 1"),
    signals: await distinct("SELECT DISTINCT kind AS v FROM turn_signals ORDER BY 1"),
    tools: await distinct("SELECT DISTINCT name AS v FROM tool_calls ORDER BY 1"),
  };
  await label(sqlite, seeded.turns, seeded.sessions);
  if (postgres) {
    pg = await postgres.open();
    await copySqliteIndex(replay.db.$client, pg.store);
  }
}, 300_000);

afterAll(async () => {
  await pg?.close();
  await replay?.close();
  await engines.stop();
});

/** The same reads on each engine: `pg` must equal `sqlite`. */
async function onBoth<T>(read: (store: Store) => Promise<T>): Promise<{ sqlite: T; pg: T }> {
  return { sqlite: await read(sqlite), pg: await read(pg.store) };
}

const filterOf = (query: Record<string, string>, viewer?: string) =>
  toSessionFilter(sessionFilterQuery.parse(query), viewer);

/** Every page of a listing, walked by its cursors. */
async function allPages(
  store: Store,
  query: Record<string, string>,
  viewer?: string,
): Promise<SessionPage[]> {
  const filter = filterOf(query, viewer);
  if (!filter) return [];
  const order = {
    sort: (query.sort ?? "started_at") as (typeof SESSION_SORTS)[number],
    order: (query.order ?? "desc") as "asc" | "desc",
  };
  const pages: SessionPage[] = [];
  let before;
  for (;;) {
    const page = await readSessionPage(store, filter, 3, before, order);
    pages.push(page);
    if (!page.next) return pages;
    before = decodeCursor(page.next, order);
  }
}

describe.skipIf(!postgres)("session reads on both engines", () => {
  test("the seeded index is not empty", () => {
    expect(seeded.sessions.length).toBeGreaterThan(10);
    expect(seeded.turns.length).toBeGreaterThan(seeded.sessions.length);
    expect(seeded.models.length).toBeGreaterThan(1);
    expect(seeded.tools.length).toBeGreaterThan(1);
  });

  test("the list under every filter, for anyone and for ann", async () => {
    const queries: Record<string, string>[] = [
      {},
      { has_errors: "true" },
      { has_errors: "false" },
      { tool_failed: "true" },
      { since: "2020-01-01T00:00:00Z", until: "2100-01-01T00:00:00Z" },
      { until: "2000-01-01T00:00:00Z" },
      { reason: "hallucinated" },
      { reason: "incomplete" },
      ...["parser", "tidy fix", "right", "session", "ls", "the", "error", "nothingmatches"].map((q) => ({
        q,
      })),
      ...["unlabeled", "partly", "done", "has-bad", "others-not-me"].map((state) => ({ label_state: state })),
      ...[...new Set(seeded.sessions.map((session) => session.client))].map((client) => ({ client })),
      ...seeded.models.map((model) => ({ model })),
      ...seeded.signals.map((signal) => ({ signal })),
      ...seeded.tools.flatMap((tool): Record<string, string>[] => [{ tool }, { tool, tool_failed: "true" }]),
    ];
    const totals = new Map<string, number>();
    for (const viewer of [undefined, "ann"])
      for (const query of queries) {
        const both = await onBoth((store) => allPages(store, query, viewer));
        expect(both.pg, JSON.stringify({ query, viewer })).toEqual(both.sqlite);
        totals.set(JSON.stringify({ ...query, viewer }), both.pg[0]?.total ?? 0);
      }
    // known from the fixtures and the labels above (so equal answers cannot be two empty ones)
    const total = (query: object) => totals.get(JSON.stringify(query));
    expect(total({})).toBe(21);
    expect(total({ since: "2020-01-01T00:00:00Z", until: "2100-01-01T00:00:00Z" })).toBe(19);
    expect(total({ client: "codex" })).toBe(7);
    expect(total({ q: "parser" })).toBe(5); // ann's note on every fifth turn
    expect(total({ reason: "incomplete" })).toBe(5);
    expect(total({ reason: "incomplete", viewer: "ann" })).toBe(0); // bob's reason
    expect(total({ label_state: "others-not-me", viewer: "ann" })).toBe(5);
    expect(total({ has_errors: "true" }) ?? 0).toBe(21 - (total({ has_errors: "false" }) ?? 0));
  });

  test("each sort, both orders, paged by its keyset", async () => {
    for (const sort of SESSION_SORTS)
      for (const order of ["asc", "desc"]) {
        const both = await onBoth((store) => allPages(store, { sort, order }, "ann"));
        expect(both.pg, `${sort} ${order}`).toEqual(both.sqlite);
        const ids = both.sqlite.flatMap((page) => page.sessions.map((session) => session.id));
        // started_at: a keyset page after a NULL start, or the rows after the last start, are not reached
        // (`started_at < NULL`), on both engines alike; the other sorts are never NULL
        if (sort !== "started_at") expect(new Set(ids).size, `${sort} ${order}`).toBe(seeded.sessions.length);
      }
  });

  test("details, outlines, turn ranges and neighbours of every session", async () => {
    for (const { id } of seeded.sessions) {
      const firstTurn = seeded.turns.find((turn) => turn.sessionId === id)?.id;
      const both = await onBoth(async (store) => ({
        detail: await readSessionDetail(store, id),
        ann: await readSessionDetail(store, id, "ann"),
        bob: await readSessionDetail(store, id, "bob"),
        outline: await readSessionOutline(store, id, firstTurn, "ann"),
        range: await readTurnRange(store, id, 1, 3, "bob"),
        neighbors: await readSessionNeighbors(store, id, () => filterOf({})),
        codexNeighbors: await readSessionNeighbors(store, id, () => filterOf({ client: "codex" })),
      }));
      expect(both.pg, id).toEqual(both.sqlite);
    }
    // the second turn: ann said bad, bob good (the seeding's second kind)
    const turn = seeded.turns[1]!;
    const detail = await readSessionDetail(pg.store, turn.sessionId, "ann");
    const view = detail?.turns.find((candidate) => candidate.id === turn.id);
    expect(view?.label.label).toBe("bad");
    expect(view?.labels_by.map((other) => [other.author, other.label, other.note])).toEqual([
      ["bob", "good", "looks right to me"],
    ]);
    expect(view?.disagreement).toBe(true);
  });

  test("find in session", async () => {
    for (const { id } of seeded.sessions) {
      const both = await onBoth(async (store) =>
        Promise.all(["the", "ls", "tidy", "error", "", "x y"].map((q) => findInSession(store, id, q))),
      );
      expect(both.pg, id).toEqual(both.sqlite);
    }
  });

  test("the review walks, in time and triage order", async () => {
    const walk = async (store: Store, query: Record<string, string>, order: "time" | "triage") => {
      const seen: string[] = [];
      for (let after: string | undefined; ;) {
        const next = await readReviewNext(store, filterOf(query, "ann"), after, order);
        if ("done" in next) return seen;
        seen.push(next.turn_id);
        after = next.turn_id;
      }
    };
    const queries: Record<string, string>[] = [{}, { label_state: "others-not-me" }, { client: "codex" }];
    for (const query of queries)
      for (const order of ["time", "triage"] as const) {
        const both = await onBoth((store) => walk(store, query, order));
        expect(both.pg, JSON.stringify({ query, order })).toEqual(both.sqlite);
        expect(both.sqlite.length).toBeGreaterThan(0);
      }
  });

  test("label reads by target and client activity", async () => {
    const turnIds = seeded.turns.map((turn) => turn.id);
    const both = await onBoth(async (store) => ({
      all: await listAllLabelsByTargets({ store, targetType: "turn", targetIds: turnIds }),
      ann: [...(await listLabelsByTargets({ store, targetType: "turn", targetIds: turnIds, author: "ann" }))],
      anyone: [...(await listLabelsByTargets({ store, targetType: "turn", targetIds: turnIds }))],
      activity: await listClientActivity(store),
    }));
    expect(both.pg).toEqual(both.sqlite);
    expect(both.sqlite.activity.length).toBeGreaterThan(1);
  });

  test("the note search after rebuildNoteSearch (a no-op on Postgres) finds every person's notes", async () => {
    const both = await onBoth(async (store) => {
      await rebuildNoteSearch({ store });
      return Promise.all(["parser", "right", "verdict"].map((q) => allPages(store, { q })));
    });
    expect(both.pg).toEqual(both.sqlite);
    expect(both.sqlite.map((pages) => pages[0]?.total)).toEqual([5, 5, 5]);
  });
});
