// The session-membership rule is one rule: what the index reads back for a session (db/queries/records.ts,
// given lib/adapters' traceIsSession) is what groupRecordsBySession says over the same records in memory,
// for keyed records, keyless records of claimed traces, and unclaimed traces of generic and known clients.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, expect, test } from "vitest";
import { openDb } from "@/db/client";
import { sqliteStoreOf } from "@/db/store-sqlite";
import { listRecordsByIds, listRecordsBySession } from "@/db/queries/records";
import { Indexer } from "@/ingest/indexer";
import { groupRecordsBySession, sessionKeyOf, traceIsSession } from "@/lib/adapters";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const kv = (attrs: Record<string, string>) =>
  Object.entries(attrs).map(([key, value]) => ({ key, value: { stringValue: value } }));
const hex = (char: string, length: number): string => char.repeat(length);

/** A canonical OTLP/JSON trace request: one resource, one span per entry. */
function spans(service: string, entries: { trace: string; span: string; attrs?: Record<string, string> }[]) {
  return {
    resourceSpans: [
      {
        resource: { attributes: kv({ "service.name": service }) },
        scopeSpans: [
          {
            scope: { name: "test" },
            spans: entries.map((entry, i) => ({
              traceId: entry.trace,
              spanId: entry.span,
              name: "invoke_agent",
              kind: 1,
              startTimeUnixNano: String(1795273000000000000n + BigInt(i) * 1000000n),
              endTimeUnixNano: String(1795273000500000000n + BigInt(i) * 1000000n),
              attributes: kv(entry.attrs ?? {}),
            })),
          },
        ],
      },
    ],
  };
}

test("the index reads back each session's records exactly as the in-memory rule groups them", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tracemark-membership-"));
  dirs.push(dir);
  const db = openDb(path.join(dir, "index.sqlite"));
  const indexer = new Indexer(sqliteStoreOf(db), () => undefined, sessionKeyOf);
  const [t1, t2, t3, t4] = ["1", "2", "3", "4"].map((c) => hex(c, 32)) as [string, string, string, string];
  const bodies = [
    // generic, no session id: trace t1 is its session; t3 is shared with a known client's keyless span
    spans("my-agent", [
      { trace: t1, span: hex("a", 16) },
      { trace: t3, span: hex("b", 16) },
    ]),
    // Claude Code: keyed span on t4 claims the trace for its keyless span; a keyless span on t2 and t3 only
    spans("claude-code", [
      { trace: t4, span: hex("c", 16), attrs: { "session.id": "S" } },
      { trace: t4, span: hex("d", 16) },
      { trace: t2, span: hex("e", 16) },
      { trace: t3, span: hex("f", 16) },
    ]),
  ];
  await indexer.indexBatch(
    bodies.map((body, line) => ({
      body,
      json: JSON.stringify(body),
      records: 0,
      request: {
        signal: "traces" as const,
        receivedAt: 0,
        transport: "http",
        encoding: "json",
        userAgent: null,
        segment: "traces-test",
        line,
        bytes: 1,
        bodyHash: `hash-${line}`,
      },
    })),
  );
  const store = sqliteStoreOf(db);
  const all = await listRecordsByIds({ store, signal: "traces", ids: [1, 2, 3, 4, 5, 6] });
  expect(all).toHaveLength(6);
  const expected = groupRecordsBySession(all);
  expect([...expected.keys()].sort()).toEqual(["S", t1, t3].sort());
  for (const [key, records] of expected) {
    const read = await listRecordsBySession({ store, sessionKey: key, traceIsSession });
    expect(read.map((record) => record.id).sort(), key).toEqual(records.map((record) => record.id).sort());
  }
  // the Claude Code span on t3 belongs to no session: not to the generic trace session t3
  expect(expected.get(t3)!.map((record) => record.resource["service.name"])).toEqual(["my-agent"]);
  expect(await listRecordsBySession({ store, sessionKey: t2, traceIsSession })).toEqual([]);
  db.$client.close();
});
