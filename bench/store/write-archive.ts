// Writes a data dir's archive directly with the product's own `ArchiveWriter` (8 MiB segments, background
// zstd), so `npm run reindex` and a server read it as if every request had arrived over OTLP/HTTP JSON —
// minutes faster than 10M records over HTTP. The lines come from bench/store/templates.ts.
import { archiveRoot } from "../../ingest/archive/layout";
import { ArchiveWriter } from "../../ingest/archive/writer";
import { nowMs, round } from "../stats";
import type { GeneratedLine } from "./templates";

export interface ArchiveWritten {
  requests: number;
  records: number;
  seconds: number;
}

/** Appends in flight before waiting: the writer groups them into one write(2), as it does for concurrent
 * requests; bounded so memory stays flat however many lines are generated. */
const IN_FLIGHT = 256;

export async function writeArchive(dataDir: string, lines: Iterable<GeneratedLine>): Promise<ArchiveWritten> {
  const start = nowMs();
  const writer = await ArchiveWriter.create(archiveRoot(dataDir), { fsync: false });
  let requests = 0;
  let records = 0;
  let pending: Promise<unknown>[] = [];
  try {
    for (const line of lines) {
      pending.push(writer.append(line.signal, line.line));
      requests++;
      records += line.records;
      if (pending.length >= IN_FLIGHT) {
        await Promise.all(pending);
        pending = [];
      }
    }
    await Promise.all(pending);
  } finally {
    await writer.shutdown(); // waits for the last segments' compression
  }
  return { requests, records, seconds: round((nowMs() - start) / 1000) };
}
