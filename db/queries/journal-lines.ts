// The journals' lines in the database (team mode, lib/journals): appended, read back in append order, and
// the per-journal line count and last id a replica polls to notice another replica's appends.
import type { Store } from "../store";

export type JournalName = "labels" | "reasons" | "users";

/** Appends one line; inside the caller's transaction when `store` is one. */
export async function saveJournalLine({
  store,
  journal,
  line,
  at,
}: {
  store: Store;
  journal: JournalName;
  line: string;
  at: number;
}): Promise<void> {
  await store.run("INSERT INTO journal_lines (journal, line, at) VALUES (@journal, @line, @at)", {
    journal,
    line,
    at,
  });
}

/** Every line of a journal in append order. */
export async function listJournalLines({
  store,
  journal,
}: {
  store: Store;
  journal: JournalName;
}): Promise<string[]> {
  const rows = await store.all<{ line: string }>(
    "SELECT line FROM journal_lines WHERE journal = @journal ORDER BY id",
    { journal },
  );
  return rows.map((row) => row.line);
}

/**
 * A journal's line count and last id, which change with every append: the count too, because ids are taken
 * when a transaction inserts, so a line committed late may carry an id below the last one seen.
 */
export async function getJournalHead({
  store,
  journal,
}: {
  store: Store;
  journal: JournalName;
}): Promise<string> {
  const row = await store.get<{ lines: number; last: number | null }>(
    "SELECT count(*) AS lines, max(id) AS last FROM journal_lines WHERE journal = @journal",
    { journal },
  );
  return `${row?.lines ?? 0}:${row?.last ?? 0}`;
}

/** Lines per INSERT when many are appended at once (`npm run migrate`): 3 parameters each. */
const LINES_PER_INSERT = 1_000;

/** Appends many lines of one journal in order (a journal moved into the database). */
export async function saveJournalLines({
  store,
  journal,
  lines,
}: {
  store: Store;
  journal: JournalName;
  lines: { line: string; at: number }[];
}): Promise<void> {
  for (let start = 0; start < lines.length; start += LINES_PER_INSERT) {
    const batch = lines.slice(start, start + LINES_PER_INSERT);
    await store.run(
      `INSERT INTO journal_lines (journal, line, at) VALUES ${batch.map(() => "(?, ?, ?)").join(", ")}`,
      batch.flatMap(({ line, at }) => [journal, line, at]),
    );
  }
}
