// "A session is a pure function of its records", incrementally: every capture (otlp, otlp-more, transcripts)
// indexed record by record in random splits and shuffled orders, built after every split by the real
// SessionBuilder, stores exactly the rows of one full build over all of them (sessions, turns with their
// JSON, search rows, facts, signals, exclusions). Seeded, so a failure names its seed.
import { afterAll, describe, expect, test } from "vitest";
import { listEveryCaptureFolder } from "@/e2e/support/ground-truth";
import {
  derivedRows,
  folderRequests,
  perRecord,
  ReplayIndex,
  type Request,
} from "@/e2e/support/index-replay";
import { seededRandom } from "@/e2e/support/seeded-random";

const FOLDERS = listEveryCaptureFolder();

const open: ReplayIndex[] = [];
/** Incremental builds over all replays: the property must have been checked on them, not only on full ones. */
let incrementalBuilds = 0;
afterAll(async () => {
  await Promise.all(open.splice(0).map((index) => index.close()));
});

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Consecutive chunks of 1..maxChunk requests. */
function splits<T>(items: readonly T[], random: () => number, maxChunk: number): T[][] {
  const out: T[][] = [];
  for (let at = 0; at < items.length;) {
    const size = 1 + Math.floor(random() * maxChunk);
    out.push(items.slice(at, at + size));
    at += size;
  }
  return out;
}

async function fullBuild(requests: readonly Request[]): Promise<Record<string, string[]>> {
  const index = new ReplayIndex();
  open.push(index);
  await index.add(requests);
  const rows = await derivedRows(index.store);
  await index.close();
  open.splice(open.indexOf(index), 1);
  return rows;
}

async function incrementalBuild(chunks: readonly Request[][]): Promise<{
  rows: Record<string, string[]>;
  incremental: number;
}> {
  const index = new ReplayIndex();
  open.push(index);
  for (const chunk of chunks) await index.add(chunk);
  const rows = await derivedRows(index.store);
  const { incremental } = index.builder.stats;
  await index.close();
  open.splice(open.indexOf(index), 1);
  return { rows, incremental };
}

/** Readable differences: per table, the rows only one side has (cut short). */
function differences(actual: Record<string, string[]>, expected: Record<string, string[]>): string[] {
  const out: string[] = [];
  for (const table of Object.keys(expected)) {
    const have = new Set(actual[table]);
    const want = new Set(expected[table]);
    for (const row of want) if (!have.has(row)) out.push(`${table} missing: ${row.slice(0, 300)}`);
    for (const row of have) if (!want.has(row)) out.push(`${table} extra: ${row.slice(0, 300)}`);
  }
  return out;
}

describe("an incremental build equals a full build", () => {
  test("there are captures to replay", () => {
    expect(FOLDERS.length).toBeGreaterThan(10);
  });

  test.each(FOLDERS)(
    "$name: in order, shuffled, in random splits",
    async ({ dir }) => {
      const requests = folderRequests(dir);
      const records = perRecord(requests);
      const expected = await fullBuild(requests);
      expect(records.length).toBeGreaterThan(0);
      const seed = 16_000 + FOLDERS.findIndex((folder) => folder.dir === dir);
      const random = seededRandom(seed);
      const orders = [records, shuffle(records, random), shuffle(records, random)];
      // Chunks grow with the capture (Codex logs hundreds of sse events) so each order is ~50 builds.
      const chunk = Math.max(3, Math.ceil(records.length / 50));
      for (const [i, order] of orders.entries()) {
        const { rows, incremental } = await incrementalBuild(
          splits(order, random, i === 0 ? chunk : 4 * chunk),
        );
        incrementalBuilds += incremental;
        expect(differences(rows, expected), `seed ${seed}, order ${i}`).toEqual([]);
      }
    },
    120_000,
  );

  test("the replays took the incremental path", () => {
    expect(incrementalBuilds).toBeGreaterThan(FOLDERS.length);
  });
});
