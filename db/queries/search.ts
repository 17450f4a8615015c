// Full-text search over the index: which sessions match (turn text in `turn_search`, notes in `note_search`),
// and where: per session the first matching turn's snippet and a matching note's snippet. SQLite: FTS5 tables
// and its snippet(); PostgreSQL: tsvector columns (search-pg.ts) and the same snippets (search-snippet.ts).
// Queries arrive as safe FTS5 syntax (lib/sessions/search.ts); snippets mark hits with SNIPPET_OPEN/CLOSE.
import type { Dialect, Store } from "../store";
import { phrasesOf, snippetOf, type Phrase } from "./search-snippet";
import { toTsQuery } from "./search-pg";

/** Private-use characters around each hit in a snippet: never HTML, split into parts by the reader. */
export const SNIPPET_OPEN = "\uE000";
export const SNIPPET_CLOSE = "\uE001";
/** Tokens of context a snippet shows (FTS5 allows up to 64). */
const SNIPPET_TOKENS = 24;
const MARKS = { open: SNIPPET_OPEN, close: SNIPPET_CLOSE, ellipsis: "…", tokens: SNIPPET_TOKENS };

/**
 * Sessions (`s`) whose turn text or notes match @q. A search row has its turn's (or label's) rowid: reading
 * session_id from `turns` by rowid is ~2× faster than from the FTS content (bench: a query matching 86k turns).
 */
const SQLITE_SESSION_MATCHES = `s.id IN (
  SELECT t.session_id FROM turns t INDEXED BY turns_session
    WHERE t.rowid IN (SELECT rowid FROM turn_search WHERE turn_search MATCH @q)
  UNION ALL
  SELECT CASE l.target_type WHEN 'session' THEN l.target_id ELSE (SELECT t.session_id FROM turns t WHERE t.id = l.target_id) END
    FROM labels l WHERE l.rowid IN (SELECT rowid FROM note_search WHERE note_search MATCH @q))`;

/** Postgres: @q is the tsquery (toTsQuery); a search row carries its session id. */
const POSTGRES_SESSION_MATCHES = `s.id IN (
  SELECT session_id FROM turn_search WHERE document @@ to_tsquery('simple', @q)
  UNION ALL
  SELECT CASE l.target_type WHEN 'session' THEN l.target_id ELSE (SELECT t.session_id FROM turns t WHERE t.id = l.target_id) END
    FROM labels l WHERE l.note_search @@ to_tsquery('simple', @q))`;

/** The condition on sessions `s` and @q's value for a sanitized FTS5 query (null on Postgres: no word, no match). */
export function sessionMatches(dialect: Dialect, q: string): { sql: string; q: string | null } {
  return dialect === "sqlite"
    ? { sql: SQLITE_SESSION_MATCHES, q }
    : { sql: POSTGRES_SESSION_MATCHES, q: toTsQuery(q) ?? null };
}

export type MatchField = "prompt" | "response" | "tools" | "note";

export interface SearchMatchRow {
  sessionId: string;
  field: MatchField;
  turnId: string | null;
  turnIndex: number | null;
  /** Text with hits between SNIPPET_OPEN and SNIPPET_CLOSE. */
  snippet: string;
}

const FIELDS = ["prompt", "response", "tools"] as const;
type TurnSnippets = Record<(typeof FIELDS)[number], string | null>;

interface FirstMatch {
  sessionId: string;
  turnId: string;
  turnIndex: number;
}

/** The first column showing a hit; a column without one gives its opening words unmarked. */
function toTurnMatch(first: FirstMatch, snippets: TurnSnippets | undefined): SearchMatchRow[] {
  const field = FIELDS.find((name) => snippets?.[name]?.includes(SNIPPET_OPEN));
  if (!snippets || !field) return [];
  return [{ ...first, field, snippet: snippets[field]! }];
}

const snippetSql = (table: string, column: number): string =>
  `snippet(${table}, ${column}, '${SNIPPET_OPEN}', '${SNIPPET_CLOSE}', '…', ${SNIPPET_TOKENS})`;

/** The first matching turn of each session (turn order), with a snippet of each searchable column. */
async function listFirstTurnMatchesSqlite(store: Store, q: string, ids: string): Promise<SearchMatchRow[]> {
  // SQLite's bare-column rule: with min(), `t.rowid` and `t.id` come from the row holding the minimum.
  const firsts = await store.all<FirstMatch & { searchRowid: number }>(
    `SELECT t.session_id AS sessionId, t.id AS turnId, t.rowid AS searchRowid, min(t.turn_index) AS turnIndex
       FROM turns t INDEXED BY turns_session
       WHERE t.session_id IN (SELECT value FROM json_each(@ids))
         AND t.rowid IN (SELECT rowid FROM turn_search WHERE turn_search MATCH @q)
       GROUP BY t.session_id`,
    { ids, q },
  );
  // One pass over the matches with a rowid filter (`+` keeps it out of FTS5): seeking each rowid in the
  // doclists of a prefix query costs more than the pass (measured on a 100k-turn store).
  const columns = await store.all<{ rowid: number } & TurnSnippets>(
    `SELECT rowid, ${snippetSql("turn_search", 2)} AS prompt, ${snippetSql("turn_search", 3)} AS response,
         ${snippetSql("turn_search", 4)} AS tools
       FROM turn_search WHERE turn_search MATCH @q AND +rowid IN (SELECT value FROM json_each(@rowids))`,
    { q, rowids: JSON.stringify(firsts.map((first) => first.searchRowid)) },
  );
  const byRowid = new Map(columns.map((row) => [row.rowid, row]));
  return firsts.flatMap(({ searchRowid, ...first }) => toTurnMatch(first, byRowid.get(searchRowid)));
}

async function listFirstTurnMatchesPg(store: Store, q: string, ids: string): Promise<SearchMatchRow[]> {
  const rows = await store.all<FirstMatch & Record<(typeof FIELDS)[number], string | null>>(
    `SELECT DISTINCT ON (t.session_id) t.session_id AS sessionId, t.id AS turnId, t.turn_index AS turnIndex,
         x.prompt, x.response, x.tools
       FROM turn_search x JOIN turns t ON t.id = x.turn_id
       WHERE x.session_id IN (SELECT json_array_elements_text(CAST(@ids AS json)))
         AND x.document @@ to_tsquery('simple', @tsq)
       ORDER BY t.session_id, t.turn_index`,
    { ids, tsq: toTsQuery(q) ?? null },
  );
  const phrases = phrasesOf(q);
  return rows.flatMap(({ prompt, response, tools, ...first }) =>
    toTurnMatch(first, {
      prompt: snippetOf(prompt, phrases, MARKS),
      response: snippetOf(response, phrases, MARKS),
      tools: snippetOf(tools, phrases, MARKS),
    }),
  );
}

/** The first matching note of each session: its own note first, then turns in order, then by author. */
function firstPerSession(rows: Omit<SearchMatchRow, "field">[]): SearchMatchRow[] {
  const seen = new Set<string>();
  return rows.flatMap((row) => {
    if (seen.has(row.sessionId)) return [];
    seen.add(row.sessionId);
    return [{ ...row, field: "note" as const }];
  });
}

async function listNoteMatchesSqlite(store: Store, q: string, ids: string): Promise<SearchMatchRow[]> {
  const rows = await store.all<Omit<SearchMatchRow, "field">>(
    `SELECT CASE l.target_type WHEN 'session' THEN l.target_id ELSE t.session_id END AS sessionId, t.id AS turnId,
         t.turn_index AS turnIndex, ${snippetSql("note_search", 2)} AS snippet
       FROM note_search JOIN labels l ON l.rowid = note_search.rowid
         LEFT JOIN turns t ON l.target_type = 'turn' AND t.id = l.target_id
       WHERE note_search MATCH @q AND sessionId IN (SELECT value FROM json_each(@ids))
       ORDER BY sessionId, t.turn_index IS NOT NULL, t.turn_index, l.labeled_by`,
    { ids, q },
  );
  return firstPerSession(rows);
}

async function listNoteMatchesPg(store: Store, q: string, ids: string): Promise<SearchMatchRow[]> {
  const session = "CASE l.target_type WHEN 'session' THEN l.target_id ELSE t.session_id END";
  const rows = await store.all<Omit<SearchMatchRow, "field" | "snippet"> & { note: string }>(
    `SELECT ${session} AS sessionId, t.id AS turnId, t.turn_index AS turnIndex, l.note
       FROM labels l LEFT JOIN turns t ON l.target_type = 'turn' AND t.id = l.target_id
       WHERE l.note_search @@ to_tsquery('simple', @tsq)
         AND ${session} IN (SELECT json_array_elements_text(CAST(@ids AS json)))
       ORDER BY 1, t.turn_index IS NOT NULL, t.turn_index, l.labeled_by`,
    { ids, tsq: toTsQuery(q) ?? null },
  );
  const phrases: Phrase[] = phrasesOf(q);
  return firstPerSession(
    rows.map(({ note, ...row }) => ({ ...row, snippet: snippetOf(note, phrases, MARKS)! })),
  );
}

/** Where each of these sessions matched @q: its first matching turn and a matching note, when there are. */
export async function listSearchMatchesBySessions({
  store,
  q,
  sessionIds,
}: {
  store: Store;
  q: string;
  sessionIds: string[];
}): Promise<Map<string, SearchMatchRow[]>> {
  const bySession = new Map<string, SearchMatchRow[]>();
  if (sessionIds.length === 0) return bySession;
  const ids = JSON.stringify(sessionIds);
  const sqlite = store.dialect === "sqlite";
  const turns = await (sqlite ? listFirstTurnMatchesSqlite : listFirstTurnMatchesPg)(store, q, ids);
  const notes = await (sqlite ? listNoteMatchesSqlite : listNoteMatchesPg)(store, q, ids);
  for (const row of [...turns, ...notes]) {
    bySession.set(row.sessionId, [...(bySession.get(row.sessionId) ?? []), row]);
  }
  return bySession;
}

/** Rebuilds SQLite's note search rows from `labels` (the triggers keep them current between rebuilds). On
 * Postgres a no-op: `labels.note_search` is a generated column, always current. */
export async function rebuildNoteSearch({ store }: { store: Store }): Promise<void> {
  if (store.dialect !== "sqlite") return;
  await store.transaction(async (tx) => {
    await tx.run("DELETE FROM note_search");
    await tx.run(
      "INSERT INTO note_search (rowid, target_type, target_id, note) SELECT rowid, target_type, target_id, note FROM labels WHERE note <> ''",
    );
  });
}
