// Indexes what the archive holds beyond the index's segment progress: at start (after a crash, a stop with a
// queue, a replica's restart), for `npm run reindex` (everything), and for the bucket sweep (./bucket-sweep.ts,
// other replicas' lines). Lines go through the Indexer's batches, so progress and records commit together.
import { IngestStatements, type SkippedLine } from "@/db/queries/ingest";
import type { Signal } from "@/db/telemetry";
import { SIGNALS } from "./archive/layout";
import { parseArchiveLine } from "./archive/line";
import { segmentLines } from "./archive/reader";
import type { ArchiveSource, SourceSegment } from "./archive/store";
import type { IndexJob } from "./index-writer";
import type { Indexer } from "./indexer";
import { wellFormedJson } from "./otlp/well-formed";

/** Lines per transaction are bounded by their text: ~4 MiB, then the event loop gets a turn. */
const BATCH_TEXT_BYTES = 4 * 2 ** 20;

/**
 * Indexes archived lines the index has not seen; returns how many. Lines are indexed in append order per
 * signal and stream (one writer), so every segment of a stream before its last one with progress is complete.
 */
export async function catchUp(indexer: Indexer, source: ArchiveSource): Promise<number> {
  const progress = await indexer.segmentProgress();
  let lines = 0;
  for (const signal of SIGNALS) {
    for (const refs of byStream(await source.listSegments(signal))) {
      for (const ref of refs.slice(firstUnfinished(refs, progress)))
        lines += await indexSegment(indexer, source, ref, progress.get(ref.name) ?? 0);
    }
  }
  return lines;
}

/** Segments grouped by the writer that appended them, each group in append order. */
export function byStream(refs: SourceSegment[]): SourceSegment[][] {
  const streams = new Map<string, SourceSegment[]>();
  for (const ref of refs) streams.set(ref.stream, [...(streams.get(ref.stream) ?? []), ref]);
  return [...streams.values()].map((group) => group.sort((a, b) => a.seq - b.seq));
}

/** Where a stream's unindexed lines may start: its last segment with progress (those before are complete). */
export function firstUnfinished(refs: readonly SourceSegment[], progress: Map<string, number>): number {
  let start = 0;
  refs.forEach((ref, i) => {
    if (progress.has(ref.name)) start = i;
  });
  return start;
}

/** A segment's bytes, or null (named in the log, counted) when it cannot be read: one damaged file must not
 * stop a start or a reindex. A bucket's open segment may come back with some parts damaged (blank lines). */
async function readForCatchUp(indexer: Indexer, source: ArchiveSource, name: string): Promise<Buffer | null> {
  try {
    const { data, damaged } = await source.readSegment(name);
    for (const part of damaged) {
      indexer.damagedSegments.push(part);
      console.error(
        `tracemark: archive object ${part} is unreadable; skipped, its requests are not indexed. The object is kept as it is.`,
      );
    }
    return data;
  } catch (error) {
    const file = source.describe(name);
    indexer.damagedSegments.push(file);
    console.error(
      `tracemark: archive segment ${file} is unreadable (${(error as Error).message}); skipped, its requests are not indexed. The file is kept as it is.`,
    );
    return null;
  }
}

/** A segment cut shorter than the index's progress (lost lines): count only what is there, so lines appended
 * from now on are indexed. */
async function correctProgress(
  indexer: Indexer,
  source: ArchiveSource,
  ref: SourceSegment,
  data: Buffer,
  from: number,
): Promise<number> {
  let lines = 0;
  for (let i = data.indexOf(0x0a); i !== -1; i = data.indexOf(0x0a, i + 1)) lines++;
  if (from <= lines) return from;
  console.error(
    `tracemark: archive segment ${source.describe(ref.name)} has ${lines} lines but the index had counted ${from}: ${from - lines} lines are gone from the archive; the index now counts ${lines}`,
  );
  await indexer.lowerProgress(ref.name, ref.signal, lines);
  return lines;
}

/** The job of one archive line, or null when the line is unreadable (logged unless blank). */
function jobOfLine(signal: Signal, name: string, line: number, text: string): IndexJob | null {
  let parsed;
  try {
    parsed = parseArchiveLine(text);
  } catch (error) {
    // A damaged line (not a torn tail: those are trimmed at start) must not stop the start-up: it stays in
    // the archive for inspection and the rest is indexed. A blank line stands for a damaged part of a
    // bucket's open segment, already reported.
    if (text !== "")
      console.error(
        `tracemark: archive ${name} line ${line} is unreadable (${(error as Error).message}); skipped`,
      );
    return null;
  }
  const serialized = JSON.stringify(parsed.request);
  const requestJson = wellFormedJson(serialized) ?? serialized; // lines archived before lone surrogates were replaced
  return {
    json: requestJson,
    body: requestJson === serialized ? parsed.request : undefined,
    records: 0,
    request: {
      signal,
      receivedAt: Date.parse(parsed.receivedAt),
      transport: parsed.transport,
      encoding: parsed.encoding,
      userAgent: parsed.userAgent,
      segment: name,
      line,
      bytes: Buffer.byteLength(text) + 1,
      bodyHash: IngestStatements.hashBody(requestJson),
    },
  };
}

/** Indexes a segment's lines from `progress` on; returns how many requests it read. */
export async function indexSegment(
  indexer: Indexer,
  source: ArchiveSource,
  ref: SourceSegment,
  progress: number,
): Promise<number> {
  const { name, signal } = ref;
  const data = await readForCatchUp(indexer, source, name);
  if (!data) return 0;
  const from = await correctProgress(indexer, source, ref, data, progress);
  let batch: IndexJob[] = [];
  let skipped: SkippedLine[] = [];
  let batchBytes = 0;
  let count = 0;
  for (const { line, text } of segmentLines(data, from)) {
    const job = jobOfLine(signal, name, line, text);
    if (job) {
      batch.push(job);
      count++;
    } else skipped.push({ segment: name, signal, line }); // in the batch's transaction: progress passes it
    batchBytes += text.length;
    if (batchBytes >= BATCH_TEXT_BYTES) {
      await indexer.indexBatch(batch, skipped);
      batch = [];
      skipped = [];
      batchBytes = 0;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  if (batch.length > 0 || skipped.length > 0) await indexer.indexBatch(batch, skipped);
  return count;
}
