// The query modules on the Store give the same answers on SQLite and PostgreSQL: the same rows written
// through each engine, the same calls, equal results (and the expected ones, so equality is not vacuous).
import { afterAll, describe, expect, test } from "vitest";
import { onEachEngine, testEngines } from "@/e2e/support/stores";
import type { Store } from "../store";
import {
  adoptLabelByTarget,
  getLabelByTarget,
  getLabelTargetSession,
  listLabelAuthors,
  listLabelTargets,
  saveLabelByTarget,
} from "./labels";
import { deleteRowsBefore, deleteSegmentsByName, listSegmentsInUse } from "./retention";
import { listToolNames } from "./tools";
import { getIndexTotals } from "./totals";
import { getTranscriptOffsetByFile } from "./transcripts";

const engines = testEngines();
afterAll(() => engines.stop());

const DAY_MS = 86_400_000;
const NOW = Date.UTC(2026, 11, 1);
const ns = (ms: number): string => (BigInt(ms) * 1_000_000n).toString();

async function seed(store: Store): Promise<void> {
  const old = NOW - 10 * DAY_MS;
  const session = (id: string, at: number) =>
    store.run(
      `INSERT INTO sessions (id, client, models, turn_count, tool_call_count, tool_failure_count, api_error_count,
         input_tokens, output_tokens, cached_input_tokens, reasoning_tokens, started_at, ended_at, updated_at)
       VALUES (?, 'c', '[]', 1, 0, 0, 0, 0, 0, 0, 0, ?, ?, ?)`,
      [id, at, at, at],
    );
  const turn = (id: string, sessionId: string) =>
    store.run(
      `INSERT INTO turns (id, session_id, turn_index, key, has_error, has_tool_failure, data)
       VALUES (?, ?, 0, 'k', 0, 0, '{}')`,
      [id, sessionId],
    );
  for (const [id, at] of [
    ["s-old", old],
    ["s-kept", old],
    ["s-new", NOW],
  ] as const) {
    await session(id, at);
    await turn(`t-${id}`, id);
    await store.run(
      `INSERT INTO tool_calls (turn_id, call_index, session_id, name, success) VALUES (?, 0, ?, 'Bash', 1), (?, 1, ?, ?, 0)`,
      [`t-${id}`, id, `t-${id}`, id, id === "s-new" ? "Read" : "Bash"],
    );
  }
  await store.run(
    store.dialect === "sqlite"
      ? "INSERT INTO turn_search (rowid, turn_id, session_id, prompt) SELECT rowid, id, session_id, 'hello' FROM turns"
      : "INSERT INTO turn_search (turn_id, session_id, prompt) SELECT id, session_id, 'hello' FROM turns",
  );
  await store.run(
    "INSERT INTO labels (target_type, target_id, label, labeled_by, labeled_at) VALUES ('turn', 't-s-kept', 'good', 'a', 1)",
  );
  await store.run(
    `INSERT INTO requests (signal, received_at, transport, encoding, segment, line, body_hash, records, bytes)
     VALUES ('logs', 1, 'http', 'json', 'logs/a', 0, 'h1', 2, 10), ('logs', 1, 'http', 'json', 'logs/b', 0, 'h2', 1, 10)`,
  );
  await store.run(
    "INSERT INTO segments (name, signal, lines_indexed) VALUES ('logs/a', 'logs', 1), ('logs/b', 'logs', 1)",
  );
  const record = (requestId: number, at: number, sessionKey: string | null, traceId: string | null) =>
    store.run(
      `INSERT INTO log_records (request_id, resource_id, scope_id, name, time_ns, session_key, trace_id, attributes)
       VALUES (?, 1, 1, 'r', ?, ?, ?, '{}')`,
      [requestId, ns(at), sessionKey, traceId],
    );
  await record(1, old, "s-old", null);
  await record(1, old, "s-kept", "trace-kept");
  await record(2, old, null, "trace-kept"); // keyless, kept through its trace
  await record(2, old, null, null);
  await record(2, NOW, "s-new", null);
  await store.run("INSERT INTO resources (hash, service_name, attributes) VALUES ('r1', 'transcripts', ?)", [
    JSON.stringify({ "tc.client": "c", "tc.file": "a/b.jsonl" }),
  ]);
  for (const end of [120, 4_000_000_000, 77])
    await store.run(
      `INSERT INTO log_records (request_id, resource_id, scope_id, name, time_ns, session_key, attributes)
       VALUES (1, 1, 1, 'line', ?, 's-new', ?)`,
      [ns(NOW), JSON.stringify({ "tc.end": end })],
    );
  await store.run("INSERT INTO trace_sessions (trace_id, session_key) VALUES ('trace-kept', 's-kept')");
}

async function dump(store: Store): Promise<unknown> {
  return {
    sessions: await store.all("SELECT id FROM sessions ORDER BY id"),
    turns: await store.all("SELECT id FROM turns ORDER BY id"),
    search: await store.all("SELECT turn_id AS turnId FROM turn_search ORDER BY turn_id"),
    tools: await store.all(
      "SELECT turn_id AS turnId, call_index AS i FROM tool_calls ORDER BY turn_id, call_index",
    ),
    records: await store.all(
      "SELECT session_key AS sessionKey, trace_id AS traceId FROM log_records ORDER BY id",
    ),
    segments: await store.all("SELECT name FROM segments ORDER BY name"),
    requests: await store.all("SELECT segment FROM requests ORDER BY segment"),
  };
}

const onEach = <T>(work: (store: Store) => Promise<T>) => onEachEngine(engines.list, seed, work);

const expectSameOnEach = <T>(results: Record<string, T>): T => {
  const [first, ...others] = Object.values(results);
  for (const other of others) expect(other).toEqual(first);
  return first!;
};

describe(`queries on ${engines.list.map((engine) => engine.name).join(" and ")}`, () => {
  test("getIndexTotals", async () => {
    const result = expectSameOnEach(await onEach((store) => getIndexTotals({ store })));
    expect(result).toEqual({
      requests: 2,
      log_records: 8,
      spans: 0,
      metric_points: 0,
      sessions: 3,
      turns: 3,
    });
  });

  test("listToolNames", async () => {
    const result = expectSameOnEach(await onEach((store) => listToolNames({ store, limit: 10 })));
    expect(result).toEqual([
      { name: "Bash", calls: 5 },
      { name: "Read", calls: 1 },
    ]);
  });

  test("getTranscriptOffsetByFile: the largest end offset of the file's lines, 0 for another file", async () => {
    const query = (file: string) => ({
      service: "transcripts",
      attrs: { client: "tc.client", file: "tc.file", end: "tc.end" },
      sessionId: "s-new",
      client: "c",
      file,
    });
    const result = expectSameOnEach(
      await onEach(async (store) => [
        await getTranscriptOffsetByFile({ store, query: query("a/b.jsonl") }),
        await getTranscriptOffsetByFile({ store, query: query("other.jsonl") }),
      ]),
    );
    expect(result).toEqual([4_000_000_000, 0]);
  });

  test("labels: per-field upserts, versions, adoption, authors and targets", async () => {
    const result = expectSameOnEach(
      await onEach(async (store) => {
        const key = { targetType: "turn" as const, targetId: "t-s-new" };
        const save = (fields: Parameters<typeof saveLabelByTarget>[0]["fields"], by: string, at: number) =>
          saveLabelByTarget({ store, ...key, fields, labeledBy: by, labeledAt: at });
        const first = await save({ label: "bad", reasons: ["wrong"] }, "ann", 10);
        const second = await save({ note: "it's off by one" }, "ann", 20); // label and reasons stay
        await save({ label: "good", correction: "fixed" }, "bob", 30);
        await adoptLabelByTarget({ store, ...key, author: "ann" }); // ann has a row: nothing moves
        await adoptLabelByTarget({ store, targetType: "session", targetId: "s-new", author: "cy" }); // none
        return {
          first,
          second,
          latest: await getLabelByTarget({ store, ...key }),
          bobs: await getLabelByTarget({ store, ...key, author: "bob" }),
          nobody: await getLabelByTarget({ store, ...key, author: "dee" }),
          authors: await listLabelAuthors({ store }),
          targets: await listLabelTargets({ store }),
          sessions: [
            await getLabelTargetSession({ store, ...key }),
            await getLabelTargetSession({ store, targetType: "session", targetId: "s-new" }),
            await getLabelTargetSession({ store, targetType: "turn", targetId: "nope" }),
          ],
          // the note is searchable: SQLite's triggers and Postgres' generated column
          noteHits: await store.all<{ id: string }>(
            store.dialect === "sqlite"
              ? "SELECT target_id AS id FROM labels WHERE rowid IN (SELECT rowid FROM note_search WHERE note_search MATCH '\"off\"*')"
              : "SELECT target_id AS id FROM labels WHERE note_search @@ to_tsquery('simple', 'off:*')",
          ),
        };
      }),
    );
    expect(result.first).toMatchObject({ label: "bad", reasons: ["wrong"], note: "", version: 1 });
    expect(result.second).toMatchObject({
      label: "bad",
      reasons: ["wrong"],
      note: "it's off by one",
      version: 2,
    });
    expect(result.latest).toMatchObject({ labeledBy: "bob", label: "good", correction: "fixed" });
    expect(result.bobs).toEqual(result.latest);
    expect(result.nobody).toBeUndefined();
    expect(result.authors).toEqual([
      { author: "a", labels: 1 },
      { author: "ann", labels: 1 },
      { author: "bob", labels: 1 },
    ]);
    expect(result.targets).toHaveLength(3);
    expect(result.sessions).toEqual(["s-new", "s-new", undefined]);
    expect(result.noteHits).toEqual([{ id: "t-s-new" }]);
  });

  test("retention: deleteRowsBefore, listSegmentsInUse, deleteSegmentsByName", async () => {
    const result = expectSameOnEach(
      await onEach(async (store) => {
        const rows = await deleteRowsBefore({ store, cutoffMs: NOW - DAY_MS, keepLabeled: true });
        const inUse = [
          ...(await listSegmentsInUse({ store, segments: ["logs/a", "logs/b", "logs/c"] })),
        ].sort();
        await store.run("DELETE FROM log_records WHERE request_id = 2");
        const unused = [...(await listSegmentsInUse({ store, segments: ["logs/a", "logs/b"] }))];
        await deleteSegmentsByName({ store, segments: ["logs/b"] });
        return { rows, inUse, unused, after: await dump(store) };
      }),
    );
    expect(result.rows).toEqual({ sessions: 1, records: 2, keptSessions: ["s-kept"] });
    expect(result.inUse).toEqual(["logs/a", "logs/b"]);
    expect(result.unused).toEqual(["logs/a"]);
    expect(result.after).toMatchObject({
      sessions: [{ id: "s-kept" }, { id: "s-new" }],
      search: [{ turnId: "t-s-kept" }, { turnId: "t-s-new" }],
      records: [
        { sessionKey: "s-kept", traceId: "trace-kept" },
        ...Array.from({ length: 3 }, () => ({ sessionKey: "s-new", traceId: null })), // the transcript lines: new, kept
      ],
      segments: [{ name: "logs/a" }],
      requests: [{ segment: "logs/a" }],
    });
  });
});
