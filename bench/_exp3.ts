import fs from "node:fs"; import os from "node:os"; import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { indexPath, openDb } from "../db/client";
import { archiveRoot } from "../ingest/archive/layout";
import { ArchiveWriter } from "../ingest/archive/writer";
import { Indexer } from "../ingest/indexer";
import { Receiver } from "../ingest/receiver";
import { agentTemplates, bodyCycle } from "./load/bodies";
import { runOpenLoop } from "./load/drive";
async function run(batch: number | null, rate: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "exp3-"));
  const db = openDb(indexPath(dir));
  const archive = await ArchiveWriter.create(archiveRoot(dir), { fsync: false });
  const indexer = new Indexer(db, () => {});
  if (batch !== null) {
    (indexer as any).flushSome = function (this: any) {
      let records = 0, count = 0;
      while (count < this.queue.length && records < batch) records += this.queue[count++].records;
      const b = this.queue.slice(0, count);
      if (b.length > 0) this.indexBatch(b);
      this.queue.splice(0, count); this.queuedRecords -= records;
      if (this.queue.length > 0) this.schedule(); else for (const r of this.idleWaiters.splice(0)) r();
    };
  }
  const receiver = new Receiver(archive, indexer);
  const next = bodyCycle(agentTemplates(32, "protobuf"));
  const h = monitorEventLoopDelay({ resolution: 5 }); h.enable();
  const r = await runOpenLoop({ send: async () => { const { body, records } = next(); await receiver.receive({ signal: "logs", encoding: "protobuf", transport: "http", contentEncoding: null, userAgent: "x", body }); return { records, latencyMs: 0, retries: 0 }; }, close: async () => {} }, { rate, seconds: 6, maxInFlight: 64 });
  await indexer.whenIdle(); h.disable();
  console.log(`batch ${batch ?? "4000 (default)"} rate ${rate}: ack p50 ${r.latencyMs.p50} p99 ${r.latencyMs.p99} max ${r.latencyMs.max} late ${r.late}; loop delay p99 ${(h.percentile(99) / 1e6).toFixed(1)} ms max ${(h.max / 1e6).toFixed(1)} ms`);
  await archive.shutdown(); db.$client.close(); fs.rmSync(dir, { recursive: true });
}
async function main() { for (const rate of [150, 250]) for (const b of [null, 1000, 500]) await run(b, rate); }
void main();
