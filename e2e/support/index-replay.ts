// Test support: a capture folder's requests (and its transcript lines) indexed into a real index database and
// built by the real SessionBuilder, in any split and order, and the index's derived rows read back in a form
// two databases can be compared by (record ids replaced by the records' content, which arrival order sets).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDb, type Db } from "@/db/client";
import type { Store } from "@/db/store";
import { TABLES as RECORD_TABLES } from "@/db/queries/records";
import { sqliteStoreOf } from "@/db/store-sqlite";
import type { Signal } from "@/db/telemetry";
import { decodeExportRequest } from "@/ingest/otlp/decode";
import { Indexer } from "@/ingest/indexer";
import { sessionKeyOf } from "@/lib/adapters";
import { SessionBuilder } from "@/lib/sessions/builder";
import { listTranscriptFiles, readCompleteLines, sessionIdOfFile } from "@/lib/transcripts/files";
import { transcriptRequest } from "@/lib/transcripts/request";

export interface Request {
  signal: Signal;
  /** Canonical OTLP/JSON. */
  body: unknown;
}

const BODY = /^\d+-(logs|traces|metrics)\.(bin|json)$/;
const GROUPS = {
  logs: ["resourceLogs", "scopeLogs", "logRecords"],
  traces: ["resourceSpans", "scopeSpans", "spans"],
  metrics: ["resourceMetrics", "scopeMetrics", "metrics"],
} as const;

/** A capture folder's requests in file order, then its transcript lines (one request per file). */
export function folderRequests(dir: string): Request[] {
  const out: Request[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const match = BODY.exec(name);
    if (!match) continue;
    const signal = match[1] as Signal;
    const bytes = new Uint8Array(fs.readFileSync(path.join(dir, name)));
    const encoding = match[2] === "bin" ? "protobuf" : "json";
    out.push({ signal, body: decodeExportRequest(signal, encoding, bytes).request });
  }
  const root = path.join(dir, "transcript");
  for (const file of fs.existsSync(root) ? listTranscriptFiles(root) : []) {
    const sessionId = sessionIdOfFile(file);
    const { lines } = readCompleteLines(file.absolute, 0, 64 * 2 ** 20);
    if (sessionId === null || lines.length === 0) continue;
    const body = transcriptRequest({
      client: file.source.client,
      file: file.relative,
      sessionId,
      lines,
      readAt: 1_795_273_000_000,
    });
    const json = new TextEncoder().encode(JSON.stringify(body));
    out.push({ signal: "logs", body: decodeExportRequest("logs", "json", json).request });
  }
  return out;
}

/** Each record of each request as a request of its own (same resource and scope). */
export function perRecord(requests: readonly Request[]): Request[] {
  return requests.flatMap(({ signal, body }) => {
    const [resources, scopes, items] = GROUPS[signal];
    const out: Request[] = [];
    for (const resource of (body as Record<string, Record<string, unknown>[]>)[resources] ?? []) {
      for (const scope of (resource[scopes] as Record<string, unknown[]>[] | undefined) ?? []) {
        for (const item of scope[items] ?? []) {
          const single = { ...resource, [scopes]: [{ ...scope, [items]: [item] }] };
          out.push({ signal, body: { [resources]: [single] } });
        }
      }
    }
    return out;
  });
}

/** An index database in a temp folder, with its indexer and builder. */
export class ReplayIndex {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "tracemark-replay-"));
  readonly db: Db = openDb(path.join(this.dir, "index.sqlite"));
  readonly store: Store = sqliteStoreOf(this.db);
  readonly builder = new SessionBuilder(this.store, 0, Number.POSITIVE_INFINITY);
  private readonly indexer = new Indexer(this.store, () => undefined, sessionKeyOf);
  private line = 0;

  /** Indexes these requests in one batch (each its own archive line) and builds what they marked. */
  async add(requests: readonly Request[]): Promise<void> {
    await this.indexer.indexBatch(
      requests.map(({ signal, body }) => {
        const line = this.line++;
        return {
          body,
          json: JSON.stringify(body),
          records: 0,
          request: {
            signal,
            receivedAt: 0,
            transport: "http",
            encoding: "json",
            userAgent: null,
            segment: `${signal}-replay`,
            line,
            bytes: 1,
            bodyHash: `line-${line}`,
          },
        };
      }),
    );
    await this.builder.whenIdle();
  }

  async close(): Promise<void> {
    await this.builder.stop();
    this.db.$client.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

type Row = Record<string, unknown>;

const TABLE_QUERIES: Record<string, string> = {
  sessions: "SELECT * FROM sessions",
  excluded_sessions: "SELECT * FROM excluded_sessions",
  turns: "SELECT * FROM turns",
  turn_search: "SELECT turn_id, session_id, prompt, response, tools FROM turn_search",
  tool_calls: "SELECT * FROM tool_calls",
  api_calls: "SELECT * FROM api_calls",
  turn_usage: "SELECT * FROM turn_usage",
  turn_signals: "SELECT * FROM turn_signals",
};

/** Keys in a fixed order, so rows read from either engine print alike. */
const sortedKeys = (row: Row): Row =>
  Object.fromEntries(Object.entries(row).sort(([a], [b]) => (a < b ? -1 : 1)));

/** A record's content (what identifies it whatever id the index gave it). */
async function recordIdentities(store: Store, signal: Signal): Promise<Map<number, string>> {
  const rows = await store.all<Row>(
    `SELECT x.*, r.attributes AS resource FROM ${RECORD_TABLES[signal]} x JOIN resources r ON r.id = x.resource_id`,
  );
  return new Map(
    rows.map((row) => {
      const { id, request_id: _r, resource_id: _res, scope_id: _s, turn_key: _t, ...content } = row;
      return [id as number, JSON.stringify(sortedKeys(content))];
    }),
  );
}

/** Every derived row a build writes, sorted, with turns' record ids replaced by record content. */
export async function derivedRows(store: Store): Promise<Record<string, string[]>> {
  const identities = {
    logs: await recordIdentities(store, "logs"),
    traces: await recordIdentities(store, "traces"),
    metrics: await recordIdentities(store, "metrics"),
  };
  const out: Record<string, string[]> = {};
  for (const [table, query] of Object.entries(TABLE_QUERIES)) {
    const rows = (await store.all<Row>(query)).map((row) => {
      const { updated_at: _u, ...kept } = row;
      if (table === "turns") {
        const data = JSON.parse(row.data as string) as { record_ids: Record<Signal, number[]> };
        for (const signal of Object.keys(identities) as Signal[])
          (data.record_ids as unknown as Record<Signal, string[]>)[signal] = data.record_ids[signal]
            .map((id) => identities[signal].get(id) ?? `missing ${id}`)
            .sort();
        kept.data = data;
      }
      return JSON.stringify(sortedKeys(kept));
    });
    out[table] = rows.sort();
  }
  return out;
}
