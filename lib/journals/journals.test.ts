// The journals on each engine: files in the data dir (the lines unchanged) and journal_lines on PostgreSQL,
// where a label's line commits with the label or not at all, the replay rebuilds labels from the database,
// and a replica sees another's reason vocabulary and people (a removed person's logins stop there too).
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { openPgDb } from "@/db/client-pg";
import { listLabelsByTargets, saveLabelByTarget } from "@/db/queries/labels";
import { listJournalLines } from "@/db/queries/journal-lines";
import type { Store } from "@/db/store";
import { PgStore } from "@/db/store-pg";
import { postgresUnavailable, startPostgres, type TestPostgres } from "@/e2e/support/postgres";
import { testEngines } from "@/e2e/support/stores";
import { replayJournal, type JournalEntry } from "@/lib/labels/journal";
import { setLabel } from "@/lib/labels/labels";
import { DEFAULT_REASONS } from "@/lib/shared/reasons";
import { personByCookie, personByToken, personCookieValue } from "@/lib/users/identity";
import { openJournals, registerJournals, type Journals } from "./journals";

const run = promisify(execFile);
const engines = testEngines();
let cluster: TestPostgres | undefined;
const pools: { end: () => Promise<void> }[] = [];
const dirs: string[] = [];
const opened: Journals[] = [];

const tempDir = (): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tracemark-journals-"));
  dirs.push(dir);
  return dir;
};

/** A fresh PostgreSQL index (migrated) and its URL. */
async function freshPg(): Promise<{ store: Store; url: string }> {
  cluster ??= await startPostgres();
  const url = await cluster.createDatabase();
  const db = await openPgDb(url);
  pools.push(db.$client);
  return { store: new PgStore(db.$client), url };
}

async function journalsOn(store: Store | null, dataDir = tempDir()): Promise<Journals> {
  const journals = await openJournals({ dataDir, store });
  opened.push(journals);
  return journals;
}

/** A session with one turn, for labels to point at. */
async function seedTurn(store: Store): Promise<void> {
  await store.run(
    `INSERT INTO sessions (id, client, models, turn_count, tool_call_count, tool_failure_count, api_error_count,
       input_tokens, output_tokens, cached_input_tokens, reasoning_tokens, updated_at)
     VALUES ('s1', 'codex', '[]', 1, 0, 0, 0, 0, 0, 0, 0, 1)`,
  );
  await store.run(
    `INSERT INTO turns (id, session_id, turn_index, key, has_error, has_tool_failure, data)
     VALUES ('t1', 's1', 0, 'k', 0, 0, '{}')`,
  );
}

const entry = (at: number, fields: Partial<JournalEntry> = {}): JournalEntry => ({
  v: 1,
  at,
  by: "ann",
  target_type: "turn",
  target_id: "t1",
  label: "good",
  ...fields,
});

/** What setLabel does: the entry journaled, the label written in the same call. */
const record = (journals: Journals, store: Store, e: JournalEntry, fail = false) =>
  journals.labels.record(store, e, async (tx) => {
    const row = await saveLabelByTarget({
      store: tx,
      targetType: e.target_type,
      targetId: e.target_id,
      fields: { label: e.label, note: e.note, reasons: e.reasons },
      labeledBy: e.by,
      labeledAt: e.at,
    });
    if (fail) throw new Error("the index write failed");
    return row;
  });

afterAll(async () => {
  registerJournals(undefined);
  for (const journals of opened) journals.close();
  for (const pool of pools) await pool.end();
  await cluster?.stop();
  await engines.stop();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe("file journals (the embedded default)", () => {
  let store: Store;
  beforeAll(async () => {
    store = (await engines.list[0]!.open()).store;
    await seedTurn(store);
  });

  test("a label's line is labels.jsonl's, the line the entry is", async () => {
    const dataDir = tempDir();
    const journals = await journalsOn(store, dataDir);
    const e = entry(1_795_000_000_000, { note: "ok" });
    await record(journals, store, e);
    expect(fs.readFileSync(path.join(dataDir, "labels.jsonl"), "utf8")).toBe(JSON.stringify(e) + "\n");
    expect((await journals.labels.read()).entries).toEqual([e]);
  });

  test("reasons and people are the data dir's files", async () => {
    const dataDir = tempDir();
    const journals = await journalsOn(null, dataDir);
    const reasons = [{ id: "slow", title: "Slow", polarity: "bad" as const }];
    await journals.reasons.save("ann", reasons);
    expect(journals.reasons.current()).toEqual(reasons);
    const line = JSON.parse(fs.readFileSync(path.join(dataDir, "reasons.jsonl"), "utf8")) as object;
    expect(line).toMatchObject({ v: 1, by: "ann", reasons });
    const token = await journals.users.add("bob");
    expect(fs.readFileSync(path.join(dataDir, "users.jsonl"), "utf8")).toContain('"op":"add","name":"bob"');
    expect(personByToken(dataDir, token)?.name).toBe("bob");
    await expect(journals.users.add("bob")).rejects.toThrow(/already has a token/);
    await expect(journals.users.remove("carol")).rejects.toThrow(/no person named carol/);
  });
});

describe.skipIf(postgresUnavailable() !== null)("journal_lines (team mode, PostgreSQL)", () => {
  test("a label's line commits with the label, and neither when the write fails", async () => {
    const { store } = await freshPg();
    await seedTurn(store);
    const journals = await journalsOn(store);
    const good = entry(1_795_000_000_000, { note: "kept" });
    await record(journals, store, good);
    await expect(record(journals, store, entry(1_795_000_000_001, { label: "bad" }), true)).rejects.toThrow(
      "the index write failed",
    );
    expect(await listJournalLines({ store, journal: "labels" })).toEqual([JSON.stringify(good)]);
    const labels = await listLabelsByTargets({ store, targetType: "turn", targetIds: ["t1"] });
    expect([...labels.values()].map((row) => row.label)).toEqual(["good"]);
    expect(journals.labels.place.where).toContain("journal_lines");
  });

  test("setLabel in team mode: the database's vocabulary, the line in journal_lines, no file", async () => {
    const { store } = await freshPg();
    await seedTurn(store);
    const dataDir = tempDir();
    const journals = await journalsOn(store, dataDir);
    await journals.reasons.save("ann", [{ id: "team-only", title: "Team only", polarity: "bad" }]);
    registerJournals(journals); // as server.ts does in team mode
    try {
      const change = { label: "bad" as const, reasons: ["team-only"] };
      await setLabel({ store, dataDir, user: "ann", targetType: "turn", targetId: "t1", change });
      await expect(
        setLabel({
          store,
          dataDir,
          user: "ann",
          targetType: "turn",
          targetId: "t1",
          change: { reasons: ["hallucinated"] },
        }),
      ).rejects.toThrow(/unknown reason id "hallucinated"/);
    } finally {
      registerJournals(undefined);
    }
    const lines = (await listJournalLines({ store, journal: "labels" })).map(
      (line) => JSON.parse(line) as object,
    );
    expect(lines).toEqual([
      expect.objectContaining({ by: "ann", target_id: "t1", label: "bad", reasons: ["team-only"] }),
    ]);
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  test("replayJournal rebuilds the labels of a fresh index from the database's journal", async () => {
    const { store } = await freshPg();
    await seedTurn(store);
    const journals = await journalsOn(store);
    // two people with logins: each keeps their own label on a target (no adopting, as in one person's store)
    await journals.users.add("ann");
    await journals.users.add("bob");
    await record(journals, store, entry(1_795_000_000_000, { note: "first" }));
    await record(journals, store, entry(1_795_000_000_005, { by: "bob", label: "bad", reasons: ["x"] }));
    await record(journals, store, entry(1_795_000_000_009, { label: "bad", note: "changed my mind" }));
    // the index loses its labels (a reindex), the journal keeps them
    await store.run("DELETE FROM labels");
    expect(await replayJournal(store, journals)).toBe(3);
    const rows = await store.all<{ by: string; label: string; note: string; reasons: string }>(
      "SELECT labeled_by AS by, label, note, reasons FROM labels ORDER BY labeled_by",
    );
    expect(rows).toEqual([
      { by: "ann", label: "bad", note: "changed my mind", reasons: "[]" },
      { by: "bob", label: "bad", note: "", reasons: '["x"]' },
    ]);
    expect(await replayJournal(store, journals)).toBe(0); // the index is up to date
  });

  test("one replica's reasons and people reach another; a removed person's logins stop there", async () => {
    const { store } = await freshPg();
    const a = await journalsOn(store);
    const b = await journalsOn(store);
    expect(b.reasons.current()).toEqual(DEFAULT_REASONS);
    const reasons = [{ id: "too-long", title: "Too long", polarity: "bad" as const }];
    await a.reasons.save("ann", reasons);
    expect(a.reasons.current()).toEqual(reasons);
    await b.refresh();
    expect(b.reasons.current()).toEqual(reasons);

    const token = await a.users.add("ann");
    await b.refresh();
    // replica b serves the gate: register its journals as server.ts does
    registerJournals(b);
    const ann = personByToken("/unused", token);
    expect(ann?.name).toBe("ann");
    const cookie = personCookieValue(ann!);
    expect(personByCookie("/unused", cookie)?.name).toBe("ann");
    await expect(b.users.add("ann")).rejects.toThrow(/already has a token/);
    await a.users.remove("ann");
    // b's own poll (every POLL_MS) notices: no refresh called here
    await vi.waitFor(() => expect(personByCookie("/unused", cookie)).toBeNull(), { timeout: 30_000 });
    expect(personByToken("/unused", token)).toBeNull();
    registerJournals(undefined);
    expect((await b.users.read()).people.size).toBe(0);
    expect(await listJournalLines({ store, journal: "users" })).toHaveLength(2);
  }, 60_000);

  test("npm run users works on TRACEMARK_DATABASE_URL", async () => {
    const { store, url } = await freshPg();
    const dataDir = tempDir();
    const users = (...args: string[]) =>
      run(process.execPath, ["--import", "tsx", "scripts/users.ts", ...args, "--data-dir", dataDir], {
        env: { ...process.env, TRACEMARK_DATABASE_URL: url },
        timeout: 60_000,
      });
    const added = await users("add", "ann");
    expect(added.stdout.trim()).toMatch(/^tmp_/);
    expect((await users("list")).stdout).toMatch(/^ann\t/);
    const journals = await journalsOn(store);
    expect(journals.users.current().people.get("ann")).toBeDefined();
    await users("remove", "ann");
    expect((await users("list")).stdout).toContain("nobody yet (journal_lines in PostgreSQL");
    await expect(users("remove", "ann")).rejects.toMatchObject({ code: 3 });
    expect(fs.existsSync(path.join(dataDir, "users.jsonl"))).toBe(false);
  }, 120_000);
});
