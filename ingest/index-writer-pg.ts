// The indexer's batches on PostgreSQL (team mode): db/queries/ingest-pg.ts writes each batch with a statement
// per table under the replicas' shared advisory lock; a line another replica indexed already adds nothing.
import type { IndexedChange, SkippedLine } from "@/db/queries/ingest";
import { saveIndexBatch } from "@/db/queries/ingest-pg";
import type { Store } from "@/db/store";
import { recordRowsOf, type IndexJob, type IndexWriter, type SessionKeyOf } from "./index-writer";

export class PgIndexWriter implements IndexWriter {
  constructor(
    private readonly store: Store,
    private readonly sessionKeyOf: SessionKeyOf,
  ) {}

  write(jobs: readonly IndexJob[], skipped: readonly SkippedLine[]): Promise<IndexedChange> {
    return saveIndexBatch({
      store: this.store,
      batch: jobs.map((job) => ({ request: job.request, rows: () => recordRowsOf(job, this.sessionKeyOf) })),
      skipped,
      at: Date.now(),
    });
  }
}
