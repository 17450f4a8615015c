// Every export format from the same index on SQLite and on PostgreSQL, byte for byte: turns, messages (SFT),
// preference (KTO), dpo, eval, with each annotator rule and the filters, the card and manifest written for them,
// and the batches and pages the rows are read in (small ones give what one read gives). The index is the real fixtures built by the
// real builder (SQLite), labeled by two people with notes, reasons and corrections, copied into PostgreSQL.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { copySqliteIndex } from "@/db/copy-tables";
import { iteratePromptGroupRows } from "@/db/queries/export";
import { iterateExportRows, type ExportFilter } from "@/db/queries/export-rows";
import { saveLabelByTarget } from "@/db/queries/labels";
import type { Store } from "@/db/store";
import { sqliteStoreOf } from "@/db/store-sqlite";
import { replayEngineFixture } from "@/e2e/support/engine-fixture";
import type { ReplayIndex } from "@/e2e/support/index-replay";
import { testEngines, type OpenedStore } from "@/e2e/support/stores";
import { EXPORT_FORMATS } from "@/lib/shared/export-formats";
import { buildCard } from "./card";
import { countExport, exportDataset } from "./export";
import { buildManifest } from "./manifest";
import { exportQuery, toExportOptions, type ExportQuery } from "./options";

const engines = testEngines();
const postgres = engines.list.find((engine) => engine.name === "postgres");
let replay: ReplayIndex;
let sqlite: Store;
let pg: OpenedStore;
let sessionIds: string[] = [];

/** Labels by ann and bob: agreeing, disagreeing, one person only, notes, reasons, corrections, session labels. */
async function label(store: Store): Promise<void> {
  const turns = await store.all<{ id: string; sessionId: string }>(
    "SELECT id, session_id AS sessionId FROM turns ORDER BY session_id, turn_index",
  );
  let at = 1_795_000_000_000;
  const save = (targetType: "turn" | "session", targetId: string, labeledBy: string, fields: object) =>
    saveLabelByTarget({ store, targetType, targetId, labeledBy, labeledAt: at++, fields });
  for (const [i, turn] of turns.entries()) {
    const kind = i % 6;
    if (kind === 0) await save("turn", turn.id, "ann", { label: "good", note: "tidy fix, key sk-ant-abc" });
    if (kind === 0 && i % 4 === 0) await save("turn", turn.id, "bob", { label: "good" });
    if (kind === 1) await save("turn", turn.id, "ann", { label: "bad", reasons: ["hallucinated"] });
    if (kind === 1) await save("turn", turn.id, "bob", { label: "good", note: "looks right to me" });
    if (kind === 2)
      await save("turn", turn.id, "bob", { label: "bad", reasons: ["incomplete", "wrong-tool"] });
    if (kind === 3) await save("turn", turn.id, "ann", { label: "bad", correction: "The fixed answer." });
    if (kind === 4) await save("turn", turn.id, "ann", { note: "a note without a verdict" });
  }
  const sessions = [...new Set(turns.map((turn) => turn.sessionId))];
  for (const [i, id] of sessions.entries())
    if (i % 3 === 0)
      await save("session", id, i % 2 ? "bob" : "ann", { label: "bad", note: "whole session" });
}

/** Two turns answering one prompt, one good and one bad: what the `labels` dpo pairs need. */
async function addPromptPair(store: Store): Promise<void> {
  const source = await store.get<{ id: string; sessionId: string; data: string }>(
    `SELECT id, session_id AS sessionId, data FROM turns
     WHERE data ->> '$.prompt' IS NOT NULL AND data ->> '$.response' IS NOT NULL ORDER BY id LIMIT 1`,
  );
  if (!source) throw new Error("no turn with a prompt and a response in the fixtures");
  const data = JSON.parse(source.data) as Record<string, unknown>;
  const copy = JSON.stringify({ ...data, response: "A different, wrong answer." });
  await store.run(
    `INSERT INTO turns (id, session_id, turn_index, key, has_error, has_tool_failure, data)
     VALUES ('pair-copy', ?, 9999, 'pair-copy', 0, 0, ?)`,
    [source.sessionId, copy],
  );
  const save = (targetId: string, value: "good" | "bad") =>
    saveLabelByTarget({
      store,
      targetType: "turn",
      targetId,
      labeledBy: "bob",
      labeledAt: 1_796_000_000_000,
      fields: { label: value },
    });
  await save(source.id, "good");
  await save("pair-copy", "bad");
}

beforeAll(async () => {
  replay = await replayEngineFixture();
  sqlite = sqliteStoreOf(replay.db);
  await label(sqlite);
  await addPromptPair(sqlite);
  sessionIds = (await sqlite.all<{ id: string }>("SELECT id FROM sessions ORDER BY id")).map((row) => row.id);
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

/** The JSONL, its card and manifest (at a fixed time), and the preview count, as one text. */
async function exportText(store: Store, input: ExportQuery): Promise<string> {
  const query = exportQuery.parse(input);
  const options = toExportOptions(query);
  const { lines, report } = exportDataset(store, options);
  let data = "";
  for await (const line of lines) data += line;
  const manifest = buildManifest({ name: "x", query, report, createdAt: new Date(1_796_000_000_000) });
  const count = await countExport(store, options.filter);
  return `${data}\n--- card\n${buildCard(manifest)}\n--- manifest\n${JSON.stringify(manifest)}\n--- count ${count}`;
}

const ANNOTATORS = [undefined, "ann", "bob", "majority", "any-bad", "all"] as const;

describe.skipIf(!postgres)("exports on both engines", () => {
  test("every format under every annotator rule: the same bytes", async () => {
    const sizes: Record<string, number> = {};
    for (const format of EXPORT_FORMATS)
      for (const annotator of ANNOTATORS)
        for (const label of ["labeled", "all", "good", "bad"] as const) {
          const query = { format, annotator, label, redact: true };
          const fromSqlite = await exportText(sqlite, query);
          expect(await exportText(pg.store, query), JSON.stringify(query)).toBe(fromSqlite);
          sizes[format] = Math.max(sizes[format] ?? 0, fromSqlite.split("\n--- card")[0]!.length);
        }
    // every format wrote something, so the comparison compared rows
    for (const format of EXPORT_FORMATS) expect(sizes[format], format).toBeGreaterThan(0);
  }, 600_000);

  test("dpo gives pairs from corrections and from one prompt's good and bad answers", async () => {
    const text = await exportText(sqlite, { format: "dpo", annotator: "all" });
    expect(text).toContain('"source":"correction"');
    expect(text).toContain('"source":"labels"');
  });

  test("the filters: client, model, time, sessions, reason, note, original, redaction off, suggested", async () => {
    const { client, model, started } = (await sqlite.get<{ client: string; model: string; started: number }>(
      `SELECT s.client, t.model, t.started_at AS started FROM turns t JOIN sessions s ON s.id = t.session_id
       WHERE t.model IS NOT NULL ORDER BY t.started_at LIMIT 1 OFFSET 5`,
    ))!;
    const queries: ExportQuery[] = [
      { client },
      { model },
      { since: new Date(started).toISOString() },
      { until: new Date(started).toISOString(), label: "all" },
      { session: sessionIds.slice(0, 4), label: "all" },
      { reason: "hallucinated", annotator: "all" },
      { has_note: true, annotator: "all" },
      { format: "messages", original: true, annotator: "ann" },
      { format: "messages", redact: false, annotator: "all" },
      { format: "turns", suggested: "include", label: "all" },
    ];
    for (const query of queries) {
      const fromSqlite = await exportText(sqlite, query);
      expect(fromSqlite.split("\n--- card")[0], JSON.stringify(query)).not.toBe("");
      expect(await exportText(pg.store, query), JSON.stringify(query)).toBe(fromSqlite);
    }
  });

  test("batches of 7 turns (rows) and pages of 1 (prompt groups) give what one read gives, on each engine", async () => {
    const collect = async <T>(rows: AsyncIterable<T>): Promise<T[]> => {
      const out: T[] = [];
      for await (const row of rows) out.push(row);
      return out;
    };
    for (const annotator of [undefined, { rule: "all" as const }, { rule: "majority" as const }]) {
      const filter: ExportFilter = { label: "all", annotator };
      for (const store of [sqlite, pg.store]) {
        const whole = await collect(iterateExportRows({ store, filter, batchTurns: 100_000 }));
        expect(whole.length).toBeGreaterThan(7 * 3);
        expect(await collect(iterateExportRows({ store, filter, batchTurns: 7 }))).toEqual(whole);
        expect(await collect(iterateExportRows({ store, filter, batchTurns: 1 }))).toEqual(whole);
        const groups = await collect(iteratePromptGroupRows({ store, filter, pageSize: 100_000 }));
        expect(groups.length).toBeGreaterThan(1);
        expect(await collect(iteratePromptGroupRows({ store, filter, pageSize: 1 }))).toEqual(groups);
      }
    }
  });
});
