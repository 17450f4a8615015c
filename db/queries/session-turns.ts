// The session page's reads (read side only; the session build writes turns in sessions.ts): a light outline
// of every turn, full turns by position range, and the candidates for find-in-session. None of them parses a
// turn's JSON in JavaScript for turns the reader has not asked for. On either engine (the JSON fields differ).
import { fragmentsOf } from "../dialect";
import type { Turn } from "../schema";
import type { Dialect, Store } from "../store";

/** What the outline needs of one turn, straight from columns and narrow tables. */
export interface TurnOutlineRow {
  id: string;
  index: number;
  startedAt: number | null;
  endedAt: number | null;
  model: string | null;
  /** The first PROMPT_PREVIEW_CHARS characters of the prompt; null when it was not logged. */
  promptPreview: string | null;
  promptRedacted: number;
  toolCalls: number;
  apiCalls: number;
  /** Comma-separated signal kinds (turn_signals), null when none. */
  signalKinds: string | null;
}

/** A line of the placeholder card and the height estimate; 10k turns of it are most of the outline's bytes. */
export const PROMPT_PREVIEW_CHARS = 100;

const TURN_COLUMNS = `id, session_id AS sessionId, turn_index AS "index", key, model, started_at AS startedAt,
  ended_at AS endedAt, has_error AS hasError, has_tool_failure AS hasToolFailure, data`;

/** The outline's per-turn JSON fields, read in the engine's JSON functions. */
const OUTLINE_FIELDS: Record<Dialect, string> = {
  // json_extract runs in SQLite's C parser (one parse per row for all paths): ~10x cheaper than JSON.parse
  // of every turn in JavaScript, and only the short fields cross into JS.
  sqlite: `substr(json_extract(t.data, '$.prompt'), 1, ${PROMPT_PREVIEW_CHARS}) AS promptPreview,
         coalesce(json_extract(t.data, '$.prompt_redacted'), 0) AS promptRedacted,
         coalesce(json_array_length(t.data, '$.tool_calls'), 0) AS toolCalls,
         coalesce(json_array_length(t.data, '$.api_calls'), 0) AS apiCalls`,
  // one jsonb parse per row (j.d); a JSON true is SQLite's 1
  postgres: `substr(j.d ->> 'prompt', 1, ${PROMPT_PREVIEW_CHARS}) AS promptPreview,
         CASE WHEN j.d -> 'prompt_redacted' = CAST('true' AS jsonb) THEN 1 ELSE 0 END AS promptRedacted,
         coalesce(jsonb_array_length(j.d -> 'tool_calls'), 0) AS toolCalls,
         coalesce(jsonb_array_length(j.d -> 'api_calls'), 0) AS apiCalls`,
};
const OUTLINE_FROM: Record<Dialect, string> = {
  sqlite: "turns t",
  postgres: "turns t CROSS JOIN LATERAL (SELECT CAST(t.data AS jsonb) AS d) j",
};

export function listTurnOutlinesBySession({
  store,
  sessionId,
}: {
  store: Store;
  sessionId: string;
}): Promise<TurnOutlineRow[]> {
  const signals = fragmentsOf(store.dialect).list("kind", "turn_signals s WHERE s.turn_id = t.id");
  return store.all(
    `SELECT t.id, t.turn_index AS "index", t.started_at AS startedAt, t.ended_at AS endedAt, t.model,
         ${OUTLINE_FIELDS[store.dialect]},
         ${signals} AS signalKinds
       FROM ${OUTLINE_FROM[store.dialect]} WHERE t.session_id = ? ORDER BY t.turn_index`,
    [sessionId],
  );
}

export async function listTurnIdsBySession({
  store,
  sessionId,
}: {
  store: Store;
  sessionId: string;
}): Promise<string[]> {
  const rows = await store.all<{ id: string }>(
    "SELECT id FROM turns WHERE session_id = ? ORDER BY turn_index",
    [sessionId],
  );
  return rows.map((row) => row.id);
}

export async function countTurnsBySession({
  store,
  sessionId,
}: {
  store: Store;
  sessionId: string;
}): Promise<number> {
  return (await store.get<{ n: number }>("SELECT count(*) AS n FROM turns WHERE session_id = ?", [
    sessionId,
  ]))!.n;
}

/** Turns at positions [offset, offset + limit) of the session in turn order. */
export function listTurnsBySessionRange({
  store,
  sessionId,
  offset,
  limit,
}: {
  store: Store;
  sessionId: string;
  offset: number;
  limit: number;
}): Promise<Turn[]> {
  return store.all(
    `SELECT ${TURN_COLUMNS} FROM turns WHERE session_id = ? ORDER BY turn_index LIMIT ? OFFSET ?`,
    [sessionId, limit, offset],
  );
}

/** The position of a turn in its session's turn order, or undefined when it is not in that session. */
export async function getTurnPosition({
  store,
  sessionId,
  turnId,
}: {
  store: Store;
  sessionId: string;
  turnId: string;
}): Promise<number | undefined> {
  const row = await store.get<{ position: number }>(
    `SELECT (SELECT count(*) FROM turns o WHERE o.session_id = t.session_id AND o.turn_index < t.turn_index)
         AS position FROM turns t WHERE t.id = ? AND t.session_id = ?`,
    [turnId, sessionId],
  );
  return row?.position;
}

/** Lower case as SQLite's lower() and Postgres' under COLLATE "C" give it: ASCII letters only. */
const HAYSTACK = "lower(replace(replace(data, 'İ', 'i'), 'K', 'k'))";
const CONTAINS: Record<Dialect, { has: string; all: string }> = {
  sqlite: { has: `instr(${HAYSTACK}, ?) > 0`, all: "1" },
  postgres: { has: `strpos(${HAYSTACK}, ?) > 0`, all: "TRUE" },
};

/**
 * Turns whose stored JSON contains every needle (ASCII-lowercased, as `lower()` does), plus the turns named in
 * `alsoIds` (those with a note: a term may be in the note), in turn order: a superset of the turns whose text
 * matches, narrowed exactly by the caller. No needles: every turn.
 */
export function listTurnsContaining({
  store,
  sessionId,
  needles,
  alsoIds,
}: {
  store: Store;
  sessionId: string;
  needles: string[];
  alsoIds: string[];
}): Promise<Pick<Turn, "id" | "data">[]> {
  // İ (U+0130) and K (U+212A) are the characters whose JavaScript lowercase is ASCII; folding them here keeps
  // the prefilter a superset of what the exact check in lib/shared/find.ts accepts.
  const contains = CONTAINS[store.dialect];
  const all = needles.map(() => contains.has).join(" AND ") || contains.all;
  return store.all(
    `SELECT id, data FROM turns WHERE session_id = ?
       AND ((${all}) OR id IN (${fragmentsOf(store.dialect).jsonValues("?")})) ORDER BY turn_index`,
    [sessionId, ...needles, JSON.stringify(alsoIds)],
  );
}
