// `npm run doctor`'s checks of the data itself: index integrity (SQLite) or reachability (PostgreSQL), every
// archive segment readable and indexed, the label journal, and every session with records built (or
// excluded). Each names the file and the fix.
import fs from "node:fs";
import { DamagedIndexError, getDb, indexPath } from "@/db/client";
import { describeUrl } from "@/db/client-pg";
import { openIndexStore } from "@/db/open-store";
import { listSegmentProgress } from "@/db/queries/ingest";
import { listLabelTargets } from "@/db/queries/labels";
import type { Store } from "@/db/store";
import { sqliteStoreOf } from "@/db/store-sqlite";
import { countUnbuiltSessions } from "@/db/queries/rebuild-queue";
import { SIGNALS } from "@/ingest/archive/layout";
import { segmentLines } from "@/ingest/archive/reader";
import type { ArchiveSource } from "@/ingest/archive/store";
import { openJournals } from "@/lib/journals/journals";
import { describeJournalProblem } from "@/lib/labels/journal";

export type Check = { ok: boolean; what: string; fix?: string };

interface OpenedCheck {
  store: Store | null;
  close: () => Promise<void>;
  checks: Check[];
}

const nothingToClose = (): Promise<void> => Promise.resolve();

/** Team mode's index: reachable, migrated (openIndexStore migrates and names what is wrong). */
async function openPgIndex(databaseUrl: string, dataDir: string): Promise<OpenedCheck> {
  try {
    const { store, close } = await openIndexStore({ dataDir, databaseUrl }, { max: 2 });
    return { store, close, checks: [{ ok: true, what: `index on PostgreSQL ${describeUrl(databaseUrl)}` }] };
  } catch (error) {
    const fix = "check TRACEMARK_DATABASE_URL and that the server accepts this login (docs/team.md)";
    return {
      store: null,
      close: nothingToClose,
      checks: [{ ok: false, what: (error as Error).message, fix }],
    };
  }
}

function openIndex(dataDir: string, databaseUrl: string | null): Promise<OpenedCheck> | OpenedCheck {
  if (databaseUrl) return openPgIndex(databaseUrl, dataDir);
  const none = { store: null, close: nothingToClose };
  if (!fs.existsSync(indexPath(dataDir)))
    return { ...none, checks: [{ ok: true, what: "no index yet (it is created at the first start)" }] };
  try {
    const store = sqliteStoreOf(getDb(dataDir, { checkIntegrity: true }));
    const checks = [{ ok: true, what: `index ${indexPath(dataDir)} passes SQLite's quick_check` }];
    return { store, close: nothingToClose, checks };
  } catch (error) {
    const fix =
      "stop tracemark and run `npm run reindex` (it sets the damaged file aside and rebuilds the index from the archive)";
    if (error instanceof DamagedIndexError)
      return { ...none, checks: [{ ok: false, what: error.message, fix }] };
    return {
      ...none,
      checks: [
        { ok: false, what: `index ${indexPath(dataDir)} cannot be opened: ${(error as Error).message}`, fix },
      ],
    };
  }
}

/** Every segment must decompress, and every archived line be indexed (or wait for the next start's catch-up). */
async function checkArchive(
  source: ArchiveSource,
  store: Store | null,
  serverPid: number | null,
): Promise<Check[]> {
  const progress = store ? await listSegmentProgress({ store }) : new Map<string, number>();
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
  if (!store) return checks;
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

/** The label journal: the data dir's file, or team mode's journal_lines when the index is PostgreSQL's. */
async function checkJournal(
  dataDir: string,
  store: Store | null,
  databaseUrl: string | null,
): Promise<Check[]> {
  if (databaseUrl && !store) return []; // the database is unreachable: said above
  const journals = await openJournals({ dataDir, store });
  const reading = await journals.labels.read().finally(() => journals.close());
  const targets = store ? await listLabelTargets({ store }) : [];
  const { place } = journals.labels;
  const problem = describeJournalProblem(place, reading, targets);
  const checks: Check[] = [
    problem
      ? {
          ok: false,
          what: problem,
          fix: `restore ${place.where} from a backup; do not delete the index until then (it holds the only copy)`,
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

async function checkSessions(store: Store | null, serverPid: number | null): Promise<Check[]> {
  if (!store) return [];
  const { unbuilt, marked } = await countUnbuiltSessions({ store });
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
  /** postgres://… in team mode, else null (the data dir's SQLite index). */
  databaseUrl: string | null,
  /** null when the archive cannot be read (a bucket that failed its own check). */
  source: ArchiveSource | null,
  serverPid: number | null,
): Promise<Check[]> {
  const { store, close, checks } = await openIndex(dataDir, databaseUrl);
  try {
    return [
      ...checks,
      ...(source ? await checkArchive(source, store, serverPid) : []),
      ...(await checkJournal(dataDir, store, databaseUrl)),
      ...(await checkSessions(store, serverPid)),
    ];
  } finally {
    await close();
  }
}
