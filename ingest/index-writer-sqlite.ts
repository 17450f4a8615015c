// The indexer's batches on SQLite: the hot path's prepared statements (db/queries/ingest.ts), line by line in
// one synchronous transaction that waits for (never lands inside) a Store transaction open on the connection.
import { IngestStatements, type IndexedChange, type SkippedLine } from "@/db/queries/ingest";
import type { SqliteStore } from "@/db/store-sqlite";
import { recordRowsOf, type IndexJob, type IndexWriter, type SessionKeyOf } from "./index-writer";

export class SqliteIndexWriter implements IndexWriter {
  private readonly statements: IngestStatements;

  constructor(
    private readonly store: SqliteStore,
    private readonly sessionKeyOf: SessionKeyOf,
  ) {
    this.statements = new IngestStatements(store.sqlite);
  }

  write(jobs: readonly IndexJob[], skipped: readonly SkippedLine[]): Promise<IndexedChange> {
    return this.store.transactionSync(() => {
      const change: IndexedChange = { sessionKeys: new Set(), unkeyedTraceIds: new Set(), records: 0 };
      for (const job of jobs) this.writeOne(job, change);
      for (const { segment, signal, line } of skipped) this.statements.markIndexed(segment, signal, line);
      // In the same transaction: a crash after the commit still leaves the rebuild for the next start.
      this.statements.markForRebuild(change.sessionKeys, change.unkeyedTraceIds, Date.now());
      return change;
    });
  }

  private writeOne(job: IndexJob, change: IndexedChange): void {
    const { request } = job;
    const { signal } = request;
    // An exporter retry resends the same body: archived again (lossless) but indexed once.
    if (!this.statements.isDuplicate(signal, request.bodyHash)) {
      const rows = recordRowsOf(job, this.sessionKeyOf);
      const requestId = this.statements.insertRequest(request, rows.length);
      const resources = new Set<number>();
      for (const row of rows) {
        resources.add(this.statements.insertRecord(signal, requestId, row));
        if (row.sessionKey) change.sessionKeys.add(row.sessionKey);
        else if (row.traceId) change.unkeyedTraceIds.add(row.traceId);
      }
      for (const resourceId of resources) this.statements.touchResource(resourceId, request.receivedAt);
      change.records += rows.length;
    }
    this.statements.markIndexed(request.segment, signal, request.line);
  }
}
