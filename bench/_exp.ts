import fs from "node:fs"; import os from "node:os"; import path from "node:path";
import { indexPath, openDb } from "../db/client";
import { decodeExportRequest } from "../ingest/otlp/decode";
import { flattenRequest } from "../ingest/flatten";
import { IngestStatements } from "../db/queries/ingest";
import { Indexer, type IndexJob } from "../ingest/indexer";
import { toArchiveLine } from "../ingest/archive/line";
import { agentTemplates, bodyCycle } from "./load/bodies";
const now = () => performance.now();
function main() {
  const next = bodyCycle(agentTemplates(32, "protobuf"));
  const bodies = Array.from({ length: 400 }, () => next());
  const records = bodies.reduce((s, b) => s + b.records, 0);
  const bytes = bodies.reduce((s, b) => s + b.body.length, 0);
  let t = now();
  const decoded = bodies.map((b) => decodeExportRequest("logs", "protobuf", b.body));
  const tDecode = now() - t; t = now();
  const jsons = decoded.map((d) => JSON.stringify(d.request));
  const tStringify = now() - t; t = now();
  const lines = jsons.map((j) => toArchiveLine({ receivedAt: Date.now(), signal: "logs", transport: "http", encoding: "protobuf", contentEncoding: null, userAgent: "x" }, j));
  const tLine = now() - t; t = now();
  const hashes = jsons.map((j) => IngestStatements.hashBody(j));
  const tHash = now() - t; t = now();
  const bufs = lines.map((l) => Buffer.from(l + "\n"));
  const tBuf = now() - t; t = now();
  const flat = decoded.map((d) => flattenRequest("logs", d.request));
  const tFlatten = now() - t; t = now();
  let attrsBytes = 0;
  for (const rows of flat) for (const r of rows) attrsBytes += JSON.stringify(r.attrs).length;
  const tAttrs = now() - t;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "exp-"));
  const db = openDb(indexPath(dir));
  const indexer = new Indexer(db, () => {});
  // patch transaction to measure commit
  const c = db.$client;
  let tCommit = 0;
  const commit = c.prepare("COMMIT"); const begin = c.prepare("BEGIN");
  const jobs: IndexJob[] = decoded.map((d, i) => ({ body: d.request, records: d.records, request: { signal: "logs", receivedAt: Date.now(), transport: "http", encoding: "protobuf", userAgent: "x", segment: "logs/x/000001", line: i, bytes: bufs[i]!.length, bodyHash: hashes[i]! } }));
  t = now();
  for (let i = 0; i < jobs.length; i += 40) {
    (indexer as any).statements.transaction = (work: () => void) => { begin.run(); work(); const c0 = now(); commit.run(); tCommit += now() - c0; };
    indexer.indexBatch(jobs.slice(i, i + 40));
  }
  const tIndex = now() - t;
  const walSize = fs.statSync(indexPath(dir) + "-wal").size; const dbSize = fs.statSync(indexPath(dir)).size;
  const per = (ms: number) => `${ms.toFixed(0)} ms = ${(records / (ms / 1000) / 1000).toFixed(0)}k rec/s`;
  console.log({ records, mb: (bytes / 1e6).toFixed(1), lineMb: (bufs.reduce((s, b) => s + b.length, 0) / 1e6).toFixed(1), attrsMb: (attrsBytes / 1e6).toFixed(1), dbMb: (dbSize / 1e6).toFixed(1), walMb: (walSize/1e6).toFixed(1) });
  console.log("decode", per(tDecode)); console.log("stringify", per(tStringify)); console.log("line", per(tLine)); console.log("sha1", per(tHash)); console.log("Buffer.from", per(tBuf));
  console.log("flatten", per(tFlatten)); console.log("attrs stringify", per(tAttrs)); console.log("index total", per(tIndex)); console.log("  of which commit", per(tCommit));
  db.$client.close(); fs.rmSync(dir, { recursive: true });
}
main();
