// The indexer on both engines: every real capture (otlp and otlp-more) replayed through the Indexer into SQLite
// and into PostgreSQL gives the same rows in every indexed table (ids aside), and indexing the same archive
// lines again, as a second replica's sweep or a retried batch does, adds nothing on either.
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Store } from "@/db/store";
import { fixtureFolders } from "@/e2e/support/fixture-bodies";
import { FIXTURES_DIR, FIXTURES_MORE_DIR } from "@/e2e/support/fixtures-dir";
import { readIndexTables } from "@/e2e/support/index-tables";
import { testEngines, type OpenedStore } from "@/e2e/support/stores";
import { IngestStatements } from "@/db/queries/ingest";
import { sessionKeyOf } from "@/lib/adapters";
import type { IndexJob } from "./index-writer";
import { Indexer } from "./indexer";
import { decodeExportRequest } from "./otlp/decode";

const engines = testEngines();
const opened: Record<string, OpenedStore> = {};
afterAll(async () => {
  for (const { close } of Object.values(opened)) await close();
  await engines.stop();
});

/** Each capture folder's requests as archive lines of one segment per signal, in capture order. */
function fixtureBatches(): IndexJob[][] {
  const lines = new Map<string, number>();
  return [...fixtureFolders(FIXTURES_DIR), ...fixtureFolders(FIXTURES_MORE_DIR)].map((folder) =>
    folder.bodies.map((body, i) => {
      const decoded = decodeExportRequest(body.signal, body.encoding, body.bytes);
      const json = JSON.stringify(decoded.request);
      const segment = `${body.signal}/2026-01-01/000001-replica`;
      const line = lines.get(segment) ?? 0;
      lines.set(segment, line + 1);
      return {
        body: decoded.request,
        json,
        records: decoded.records,
        request: {
          signal: body.signal,
          receivedAt: 1_767_225_600_000 + line * 1_000 + i,
          transport: "http",
          encoding: body.encoding,
          userAgent: "test",
          segment,
          line,
          bytes: json.length + 1,
          bodyHash: IngestStatements.hashBody(json),
        },
      };
    }),
  );
}

const batches = fixtureBatches();
const tables: Record<string, Record<string, string[]>> = {};
const again: Record<string, Record<string, string[]>> = {};

async function replay(store: Store, jobs: IndexJob[][]): Promise<void> {
  const indexer = new Indexer(store, () => undefined, sessionKeyOf);
  for (const batch of jobs) await indexer.indexBatch(batch);
}

beforeAll(async () => {
  for (const engine of engines.list) {
    const store = (opened[engine.name] = await engine.open()).store;
    await replay(store, batches);
    tables[engine.name] = await readIndexTables(store);
    // Again, in other batches (all at once, and each line twice within its batch): nothing new.
    await replay(store, [batches.flat().flatMap((job) => [job, job])]);
    again[engine.name] = await readIndexTables(store);
  }
}, 300_000);

test("there are captures of both sets to replay", () => {
  expect(batches.length).toBeGreaterThan(30);
  expect(tables.sqlite!.log_records!.length).toBeGreaterThan(100);
  expect(tables.sqlite!.spans!.length).toBeGreaterThan(100);
  expect(tables.sqlite!.metric_points!.length).toBeGreaterThan(10);
});

test("PostgreSQL's index equals SQLite's, table by table and row by row", () => {
  expect(Object.keys(tables)).toEqual(["sqlite", "postgres"]);
  for (const table of Object.keys(tables.sqlite!))
    expect(tables.postgres![table], table).toEqual(tables.sqlite![table]);
});

test("indexing the same lines again adds nothing, on either engine", () => {
  for (const name of Object.keys(tables)) expect(again[name], name).toEqual(tables[name]);
});

test("U+0000 in text becomes U+FFFD on PostgreSQL (its text cannot hold it), the rest of the line indexed", async () => {
  const { store } = opened.postgres!;
  const body = {
    resourceSpans: [
      {
        resource: { attributes: [{ key: "service.name", value: { stringValue: "nul\u0000agent" } }] },
        scopeSpans: [
          {
            scope: { name: "s" },
            spans: [
              {
                traceId: "ab".repeat(16),
                spanId: "cd".repeat(8),
                name: "a\u0000b",
                startTimeUnixNano: "1",
                endTimeUnixNano: "2",
                attributes: [{ key: "k", value: { stringValue: "v\u0000w" } }],
              },
            ],
          },
        ],
      },
    ],
  };
  const json = JSON.stringify(body);
  const request = { ...batches[0]![0]!.request, signal: "traces" as const, line: 0, segment: "traces/nul" };
  await replay(store, [
    [{ body, json, records: 1, request: { ...request, bodyHash: IngestStatements.hashBody(json) } }],
  ]);
  const span = await store.get<{ name: string; attributes: string; serviceName: string }>(
    `SELECT s.name, s.attributes, r.service_name AS serviceName FROM spans s JOIN resources r ON r.id = s.resource_id
     WHERE s.span_id = @span`,
    { span: "cd".repeat(8) },
  );
  expect(span).toEqual({ name: "a\ufffdb", serviceName: "nul\ufffdagent", attributes: '{"k":"v\\u0000w"}' });
});
