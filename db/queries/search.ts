// Full-text search over the index: which sessions match (turn text in `turn_search`, notes in `note_search`,
// both FTS5), and where: per session the first matching turn's snippet and a matching note's snippet.
// Queries arrive as safe FTS5 syntax (lib/sessions/search.ts); snippets mark hits with SNIPPET_OPEN/CLOSE.
import type { Db } from "../client";

/** Private-use characters around each hit in a snippet: never HTML, split into parts by the reader. */
export const SNIPPET_OPEN = "\uE000";
export const SNIPPET_CLOSE = "\uE001";
/** Tokens of context a snippet shows (FTS5 allows up to 64). */
const SNIPPET_TOKENS = 24;

/**
 * Sessions (`s`) whose turn text or notes match @q. A search row has its turn's (or label's) rowid: reading
 * session_id from `turns` by rowid is ~2× faster than from the FTS content (bench: a query matching 86k turns).
 */
export const SESSION_MATCHES_SQL = `s.id IN (
  SELECT t.session_id FROM turns t INDEXED BY turns_session
    WHERE t.rowid IN (SELECT rowid FROM turn_search WHERE turn_search MATCH @q)
  UNION ALL
  SELECT CASE l.target_type WHEN 'session' THEN l.target_id ELSE (SELECT t.session_id FROM turns t WHERE t.id = l.target_id) END
    FROM labels l WHERE l.rowid IN (SELECT rowid FROM note_search WHERE note_search MATCH @q))`;

export type MatchField = "prompt" | "response" | "tools" | "note";

export interface SearchMatchRow {
  sessionId: string;
  field: MatchField;
  turnId: string | null;
  turnIndex: number | null;
  /** Text with hits between SNIPPET_OPEN and SNIPPET_CLOSE. */
  snippet: string;
}

const snippetOf = (table: string, column: number): string =>
  `snippet(${table}, ${column}, '${SNIPPET_OPEN}', '${SNIPPET_CLOSE}', '…', ${SNIPPET_TOKENS})`;

/** The first matching turn of each session (turn order), with a snippet of each searchable column. */
function listFirstTurnMatches(db: Db, q: string, ids: string): SearchMatchRow[] {
  // SQLite's bare-column rule: with min(), `t.rowid` and `t.id` come from the row holding the minimum.
  const firsts = db.$client
    .prepare(
      `SELECT t.session_id AS sessionId, t.id AS turnId, t.rowid AS searchRowid, min(t.turn_index) AS turnIndex
       FROM turns t INDEXED BY turns_session
       WHERE t.session_id IN (SELECT value FROM json_each(@ids))
         AND t.rowid IN (SELECT rowid FROM turn_search WHERE turn_search MATCH @q)
       GROUP BY t.session_id`,
    )
    .all({ ids, q }) as { sessionId: string; turnId: string; searchRowid: number; turnIndex: number }[];
  // One pass over the matches with a rowid filter (`+` keeps it out of FTS5): seeking each rowid in the
  // doclists of a prefix query costs more than the pass (measured on a 100k-turn store).
  const columns = db.$client
    .prepare(
      `SELECT rowid, ${snippetOf("turn_search", 2)} AS prompt, ${snippetOf("turn_search", 3)} AS response,
         ${snippetOf("turn_search", 4)} AS tools
       FROM turn_search WHERE turn_search MATCH @q AND +rowid IN (SELECT value FROM json_each(@rowids))`,
    )
    .all({ q, rowids: JSON.stringify(firsts.map((first) => first.searchRowid)) }) as ({
    rowid: number;
  } & Record<"prompt" | "response" | "tools", string>)[];
  const byRowid = new Map(columns.map((row) => [row.rowid, row]));
  const rows: SearchMatchRow[] = [];
  for (const first of firsts) {
    const snippets = byRowid.get(first.searchRowid);
    // The first column showing a hit; a column without one gives its opening words unmarked.
    const field = (["prompt", "response", "tools"] as const).find((name) =>
      snippets?.[name].includes(SNIPPET_OPEN),
    );
    if (!snippets || !field) continue;
    rows.push({
      sessionId: first.sessionId,
      field,
      turnId: first.turnId,
      turnIndex: first.turnIndex,
      snippet: snippets[field],
    });
  }
  return rows;
}

/** One matching note per session (the session's own note first, then turns in order). */
function listNoteMatches(db: Db, q: string, ids: string): SearchMatchRow[] {
  const rows = db.$client
    .prepare(
      `SELECT CASE l.target_type WHEN 'session' THEN l.target_id ELSE t.session_id END AS sessionId, t.id AS turnId,
         t.turn_index AS turnIndex, ${snippetOf("note_search", 2)} AS snippet
       FROM note_search JOIN labels l ON l.rowid = note_search.rowid
         LEFT JOIN turns t ON l.target_type = 'turn' AND t.id = l.target_id
       WHERE note_search MATCH @q AND sessionId IN (SELECT value FROM json_each(@ids))
       ORDER BY sessionId, t.turn_index IS NOT NULL, t.turn_index`,
    )
    .all({ ids, q }) as Omit<SearchMatchRow, "field">[];
  const seen = new Set<string>();
  return rows.flatMap((row) => {
    if (seen.has(row.sessionId)) return [];
    seen.add(row.sessionId);
    return [{ ...row, field: "note" as const }];
  });
}

/** Where each of these sessions matched @q: its first matching turn and a matching note, when there are. */
export function listSearchMatchesBySessions({
  db,
  q,
  sessionIds,
}: {
  db: Db;
  q: string;
  sessionIds: string[];
}): Map<string, SearchMatchRow[]> {
  const bySession = new Map<string, SearchMatchRow[]>();
  if (sessionIds.length === 0) return bySession;
  const ids = JSON.stringify(sessionIds);
  for (const row of [...listFirstTurnMatches(db, q, ids), ...listNoteMatches(db, q, ids)]) {
    bySession.set(row.sessionId, [...(bySession.get(row.sessionId) ?? []), row]);
  }
  return bySession;
}

/** Rebuilds the note search rows from `labels` (the triggers keep them current between rebuilds). */
export function rebuildNoteSearch({ db }: { db: Db }): void {
  const c = db.$client;
  c.transaction(() => {
    c.prepare("DELETE FROM note_search").run();
    c.prepare(
      "INSERT INTO note_search (rowid, target_type, target_id, note) SELECT rowid, target_type, target_id, note FROM labels WHERE note <> ''",
    ).run();
  })();
}
