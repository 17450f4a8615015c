// One session growing to 10,000 turns, built after every request (npx tsx bench/session-growth.ts [turns]):
// a Claude Code session rewritten from the real capture (bench/scale/corpus.ts, 10 log records per turn), each
// turn one request indexed by the real Indexer, then built in-process as the SessionBuilder builds it
// (lib/sessions/build-one.ts). Prints the build ms per request around 100 / 1,000 / 2,000 / 5,000 / 10,000
// turns, and what a full rebuild of the same session costs there, to show the incremental build is flat.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDb } from "../db/client";
import { sqliteStoreOf } from "../db/store-sqlite";
import { deleteSessionBuildState } from "../db/queries/rebuild-queue";
import { decodeExportRequest } from "../ingest/otlp/decode";
import { Indexer } from "../ingest/indexer";
import { sessionKeyOf } from "../lib/adapters";
import { buildSessionByKey } from "../lib/sessions/build-one";
import { Corpus } from "./scale/corpus";

const TURNS = Number(process.argv[2] ?? 10_000);
const CHECKPOINTS = [100, 1_000, 2_000, 5_000, 10_000].filter((at) => at <= TURNS);
/** Requests measured before each checkpoint. */
const WINDOW = 50;

const quantile = (sorted: number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
const round = (ms: number): number => Math.round(ms * 100) / 100;

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tracemark-growth-"));
  const db = openDb(path.join(dir, "index.sqlite"));
  const indexer = new Indexer(sqliteStoreOf(db), () => undefined, sessionKeyOf);
  const corpus = new Corpus();
  const session = { id: randomUUID(), index: 0, turns: TURNS };
  const window: number[] = [];
  const rows: Record<string, unknown>[] = [];
  for (let turn = 0; turn < TURNS; turn++) {
    const body = decodeExportRequest("logs", "json", new Uint8Array(corpus.body(session, turn, 1))).request;
    await indexer.indexBatch([
      {
        body,
        json: JSON.stringify(body),
        records: 10,
        request: {
          signal: "logs",
          receivedAt: Date.now(),
          transport: "http",
          encoding: "json",
          userAgent: null,
          segment: "logs-growth",
          line: turn,
          bytes: 1,
          bodyHash: `growth-${turn}`,
        },
      },
    ]);
    const started = performance.now();
    const outcome = await buildSessionByKey(sqliteStoreOf(db), session.id);
    const ms = performance.now() - started;
    if (turn > 0 && outcome.path !== "incremental")
      throw new Error(`turn ${turn}: full build (${outcome.reason})`);
    window.push(ms);
    if (window.length > WINDOW) window.shift();
    if (CHECKPOINTS.includes(turn + 1)) rows.push(await checkpoint(db, session.id, turn + 1, window));
  }
  console.table(rows);
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

/** The incremental builds just before `turns`, and one full rebuild at `turns` for comparison. */
async function checkpoint(db: ReturnType<typeof openDb>, id: string, turns: number, window: number[]) {
  const sorted = [...window].sort((a, b) => a - b);
  await deleteSessionBuildState({ store: sqliteStoreOf(db), id }); // the next build has nothing to continue from: a full one
  const started = performance.now();
  const outcome = await buildSessionByKey(sqliteStoreOf(db), id);
  const fullMs = performance.now() - started;
  if (outcome.path !== "full") throw new Error("expected a full build");
  return {
    turns,
    "incremental build ms (median)": round(quantile(sorted, 0.5)),
    "incremental build ms (p99)": round(quantile(sorted, 0.99)),
    "full rebuild ms": round(fullMs),
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
