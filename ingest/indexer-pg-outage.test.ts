// PostgreSQL going away in the middle of a batch: the batch's connection is cut while it waits inside its
// transaction, and the database refuses connections for a while. The indexer reports why (lastError), keeps
// the batch queued and retries it; once the database is back everything is indexed, once, as on SQLite.
import { afterAll, beforeAll, expect, test } from "vitest";
import pg from "pg";
import { IngestStatements } from "@/db/queries/ingest";
import { INDEX_LOCK } from "@/db/queries/ingest-pg";
import { openPgDb } from "@/db/client-pg";
import { PgStore } from "@/db/store-pg";
import { fixtureFolders } from "@/e2e/support/fixture-bodies";
import { readIndexTables } from "@/e2e/support/index-tables";
import { postgresUnavailable, startPostgres, type TestPostgres } from "@/e2e/support/postgres";
import { testEngines } from "@/e2e/support/stores";
import { sessionKeyOf } from "@/lib/adapters";
import type { IndexJob } from "./index-writer";
import { Indexer } from "./indexer";
import { decodeExportRequest } from "./otlp/decode";

const skip = postgresUnavailable();
let cluster: TestPostgres;
const engines = testEngines();
beforeAll(async () => {
  if (!skip) cluster = await startPostgres();
}, 120_000);
afterAll(async () => {
  if (cluster) await cluster.stop();
  await engines.stop();
});

const jobs: IndexJob[] = fixtureFolders()
  .slice(0, 4)
  .flatMap((folder) => folder.bodies)
  .map((body, line) => {
    const decoded = decodeExportRequest(body.signal, body.encoding, body.bytes);
    const json = JSON.stringify(decoded.request);
    const request = {
      signal: body.signal,
      receivedAt: 1_767_225_600_000 + line,
      transport: "http",
      encoding: body.encoding,
      userAgent: null,
      segment: `${body.signal}/outage`,
      line,
      bytes: json.length + 1,
      bodyHash: IngestStatements.hashBody(json),
    };
    return { body: decoded.request, json, records: decoded.records, request };
  });

/** Polls `condition` (a state this test waits for, however long it takes). */
async function until(condition: () => Promise<boolean> | boolean): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 20));
}

test.skipIf(skip)(
  "a batch whose connection is lost is retried until PostgreSQL is back: nothing lost, nothing doubled",
  async () => {
    const url = await cluster.createDatabase("outage");
    const db = await openPgDb(url, { max: 2 });
    // One connection in the database (it holds the lock, and stays), one in the maintenance database (it
    // disallows connections to the other, which cannot be done from inside it).
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const control = new pg.Client({ connectionString: cluster.url });
    await control.connect();
    try {
      expect(jobs.length).toBeGreaterThan(4);
      const indexer = new Indexer(new PgStore(db.$client), () => undefined, sessionKeyOf);
      // Hold the replicas' lock, so the indexer's first batch stops inside its transaction.
      await admin.query("SELECT pg_advisory_lock($1)", [INDEX_LOCK]);
      for (const job of jobs) indexer.enqueue(job);
      const waiting = async (): Promise<boolean> =>
        (
          await control.query(
            "SELECT 1 FROM pg_stat_activity WHERE datname = 'outage' AND wait_event_type = 'Lock'",
          )
        ).rowCount! > 0;
      await until(waiting);
      // The database goes away: no new connections, the batch's cut.
      const { rows: own } = await admin.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      await control.query("ALTER DATABASE outage ALLOW_CONNECTIONS false");
      await control.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'outage' AND pid <> $1",
        [own[0]!.pid],
      );
      await admin.query("SELECT pg_advisory_unlock($1)", [INDEX_LOCK]);
      await until(() => indexer.lastError !== null);
      expect(indexer.lastError).toMatch(/^index not writable: /);
      expect(indexer.backlog).toBe(jobs.reduce((sum, job) => sum + job.records, 0));
      const { rows } = await admin.query<{ n: string }>("SELECT count(*) AS n FROM requests");
      expect(Number(rows[0]!.n)).toBe(0); // the batch rolled back whole

      await control.query("ALTER DATABASE outage ALLOW_CONNECTIONS true");
      await indexer.whenIdle();
      expect(indexer.lastError).toBeNull();
      expect(indexer.backlog).toBe(0);

      const sqlite = await engines.list[0]!.open();
      try {
        const reference = new Indexer(sqlite.store, () => undefined, sessionKeyOf);
        await reference.indexBatch(jobs);
        expect(await readIndexTables(new PgStore(db.$client))).toEqual(await readIndexTables(sqlite.store));
      } finally {
        await sqlite.close();
      }
    } finally {
      await admin.end();
      await control.end();
      await db.$client.end();
    }
  },
  120_000,
);
