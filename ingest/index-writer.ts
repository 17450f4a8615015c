// Where the indexer's batches go: one writer per engine, picked by ingest/indexer.ts (SQLite:
// ./index-writer-sqlite.ts, the hot path's prepared statements; PostgreSQL: ./index-writer-pg.ts, a statement
// per table per batch). Either writes a batch and its segments' progress in one transaction, so every archived
// line is indexed exactly once.
import type { IndexedChange, IndexedRequest, RecordRow, SkippedLine } from "@/db/queries/ingest";
import type { Attrs } from "@/db/telemetry";
import { flattenRequest } from "./flatten";

/** One archived request to index. */
export interface IndexJob {
  request: IndexedRequest;
  /** The canonical request as archived (JSON text; not re-read from the archive). */
  json: string;
  /** The same, parsed, when the caller has it; otherwise `json` is parsed when its batch is written, so a
   * long queue holds text only (the index thread's queue: parsed objects are several times larger). */
  body?: unknown;
  /** Record count (from the decoder), for batching and backpressure. */
  records: number;
}

/** A record's session key from its attributes and resource, or null: which attributes name a session is
 * the client registry's knowledge (lib/adapters), handed in by whoever wires the pipeline (server.ts). */
export type SessionKeyOf = (attrs: Attrs, resource: Attrs) => string | null;

export interface IndexWriter {
  /** In one transaction: the jobs' requests not indexed yet (by signal and body hash) with their records and
   * rebuild marks, and every job's line and every `skipped` line counted in its segment's progress. */
  write(jobs: readonly IndexJob[], skipped: readonly SkippedLine[]): Promise<IndexedChange>;
}

/** A job's records with their session keys. */
export function recordRowsOf(job: IndexJob, sessionKeyOf: SessionKeyOf): RecordRow[] {
  return flattenRequest(job.request.signal, job.body ?? JSON.parse(job.json)).map((row) => ({
    ...row,
    sessionKey: sessionKeyOf(row.attrs, row.resource),
  }));
}
