// `npm run doctor`'s checks of the data itself: index integrity, every archive segment readable and indexed,
// the label journal, and every session with records built (or excluded). Each names the file and the fix.
import fs from "node:fs";
import { DamagedIndexError, getDb, indexPath, type Db } from "@/db/client";
import { listSegmentProgress } from "@/db/queries/ingest";
import { listLabelTargets } from "@/db/queries/labels";
import { sqliteStoreOf } from "@/db/store-sqlite";
import { countUnbuiltSessions } from "@/db/queries/rebuild-queue";
import { SIGNALS } from "@/ingest/archive/layout";
import { segmentLines } from "@/ingest/archive/reader";
import type { ArchiveSource } from "@/ingest/archive/store";
import { describeJournalProblem, fileJournalPlace, journalPath, readJournal } from "@/lib/labels/journal";

export type Check = { ok: boolean; what: string; fix?: string };

function openIndex(dataDir: string): { db: Db | null; checks: Check[] } {
  if (!fs.existsSync(indexPath(dataDir)))
    return { db: null, checks: [{ ok: true, what: "no index yet (it is created at the first start)" }] };
  try {
    const db = getDb(dataDir, { checkIntegrity: true });
    return { db, checks: [{ ok: true, what: `index ${indexPath(dataDir)} passes SQLite's quick_check` }] };
  } catch (error) {
    const fix =
      "stop tracemark and run `npm run reindex` (it sets the damaged file aside and rebuilds the index from the archive)";
    if (error instanceof DamagedIndexError)
      return { db: null, checks: [{ ok: false, what: error.message, fix }] };
    return {
      db: null,
      checks: [
        { ok: false, what: `index ${indexPath(dataDir)} cannot be opened: ${(error as Error).message}`, fix },
      ],
    };
  }
}

/** Every segment must decompress, and every archived line be indexed (or wait for the next start's catch-up). */
async function checkArchive(
  source: ArchiveSource,
  db: Db | null,
  serverPid: number | null,
): Promise<Check[]> {
  const progress = db ? await listSegmentProgress({ store: sqliteStoreOf(db) }) : new Map<string, number>();
  const checks: Check[] = [];
  let archived = 0;
  let indexed = 0;
  for (const signal of SIGNALS) {
    for (const ref of await source.listSegments(signal)) {
      let lines: number;
      try {
        const { data, damaged } = await source.readSegment(ref.name);
        for (const part of damaged)
          checks.push({
            ok: false,
            what: `archive object ${part} is unreadable: its requests are not in the index`,
            fix: "keep the object for inspection; the server and reindex skip it and index everything else",
          });
        lines = [...segmentLines(data)].filter((line) => line.text !== "").length;
      } catch (error) {
        const file = source.describe(ref.name);
        checks.push({
          ok: false,
          what: `archive segment ${file} is unreadable (${(error as Error).message}): its requests are not in the index`,
          fix: "keep the file (`zstd -d` may still recover the start of it); the server and reindex skip it and index everything else",
        });
        continue;
      }
      archived += lines;
      indexed += Math.min(lines, progress.get(ref.name) ?? 0);
    }
  }
  if (checks.length === 0) checks.push({ ok: true, what: "every archive segment is readable" });
  if (!db) return checks;
  if (archived === indexed)
    return [...checks, { ok: true, what: `archive and index agree: ${archived} requests` }];
  const behind = `${archived - indexed} of ${archived} archived requests are not in the index yet`;
  return [
    ...checks,
    serverPid !== null
      ? { ok: true, what: `${behind} (the running server is indexing them)` }
      : {
          ok: false,
          what: behind,
          fix: "start tracemark (it indexes them at start), or run `npm run reindex`",
        },
  ];
}

async function checkJournal(dataDir: string, db: Db | null): Promise<Check[]> {
  const reading = readJournal(dataDir);
  const targets = db ? await listLabelTargets({ store: sqliteStoreOf(db) }) : [];
  const problem = describeJournalProblem(fileJournalPlace(dataDir), reading, targets);
  const checks: Check[] = [
    problem
      ? {
          ok: false,
          what: problem,
          fix: `restore ${journalPath(dataDir)} from a backup; do not delete the index until then (it holds the only copy)`,
        }
      : {
          ok: true,
          what: `label journal: ${reading.entries.length} changes${reading.exists ? "" : " (no journal yet)"}`,
        },
  ];
  if (reading.tornBytes > 0) {
    checks.push({
      ok: true,
      what: `label journal ends in a torn line (${reading.tornBytes} bytes, a crash mid-append, never acknowledged): cut back at the next label change`,
    });
  }
  return checks;
}

async function checkSessions(db: Db | null, serverPid: number | null): Promise<Check[]> {
  if (!db) return [];
  const { unbuilt, marked } = await countUnbuiltSessions({ store: sqliteStoreOf(db) });
  if (unbuilt === 0) return [{ ok: true, what: "every session with records is built" }];
  const checks: Check[] = [];
  if (marked > 0)
    checks.push({
      ok: true,
      what: `${marked} sessions are waiting to be built (${serverPid !== null ? "the running server is building them" : "the next start builds them"})`,
    });
  if (unbuilt > marked)
    checks.push({
      ok: false,
      what: `${unbuilt - marked} sessions have records but no build`,
      fix: "run `npm run reindex`",
    });
  return checks;
}

export async function checkData(
  dataDir: string,
  /** null when the archive cannot be read (a bucket that failed its own check). */
  source: ArchiveSource | null,
  serverPid: number | null,
): Promise<Check[]> {
  const { db, checks } = openIndex(dataDir);
  return [
    ...checks,
    ...(source ? await checkArchive(source, db, serverPid) : []),
    ...(await checkJournal(dataDir, db)),
    ...(await checkSessions(db, serverPid)),
  ];
}
