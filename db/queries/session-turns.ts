// The session page's reads (read side only; the session build writes turns in sessions.ts): a light outline
// of every turn, full turns by position range, and the candidates for find-in-session. None of them parses a
// turn's JSON in JavaScript for turns the reader has not asked for.
import type { Db } from "../client";
import type { Turn } from "../schema";

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

export function listTurnOutlinesBySession({
  db,
  sessionId,
}: {
  db: Db;
  sessionId: string;
}): TurnOutlineRow[] {
  // json_extract runs in SQLite's C parser (one parse per row for all paths): ~10x cheaper than JSON.parse
  // of every turn in JavaScript, and only the short fields cross into JS.
  return db.$client
    .prepare(
      `SELECT t.id, t.turn_index AS "index", t.started_at AS startedAt, t.ended_at AS endedAt, t.model,
         substr(json_extract(t.data, '$.prompt'), 1, ${PROMPT_PREVIEW_CHARS}) AS promptPreview,
         coalesce(json_extract(t.data, '$.prompt_redacted'), 0) AS promptRedacted,
         coalesce(json_array_length(t.data, '$.tool_calls'), 0) AS toolCalls,
         coalesce(json_array_length(t.data, '$.api_calls'), 0) AS apiCalls,
         (SELECT group_concat(kind) FROM turn_signals s WHERE s.turn_id = t.id) AS signalKinds
       FROM turns t WHERE t.session_id = ? ORDER BY t.turn_index`,
    )
    .all(sessionId) as TurnOutlineRow[];
}

export function listTurnIdsBySession({ db, sessionId }: { db: Db; sessionId: string }): string[] {
  return db.$client
    .prepare("SELECT id FROM turns WHERE session_id = ? ORDER BY turn_index")
    .pluck()
    .all(sessionId) as string[];
}

export function countTurnsBySession({ db, sessionId }: { db: Db; sessionId: string }): number {
  return (
    db.$client.prepare("SELECT count(*) AS n FROM turns WHERE session_id = ?").get(sessionId) as { n: number }
  ).n;
}

/** Turns at positions [offset, offset + limit) of the session in turn order. */
export function listTurnsBySessionRange({
  db,
  sessionId,
  offset,
  limit,
}: {
  db: Db;
  sessionId: string;
  offset: number;
  limit: number;
}): Turn[] {
  return db.$client
    .prepare(`SELECT ${TURN_COLUMNS} FROM turns WHERE session_id = ? ORDER BY turn_index LIMIT ? OFFSET ?`)
    .all(sessionId, limit, offset) as Turn[];
}

/** The position of a turn in its session's turn order, or undefined when it is not in that session. */
export function getTurnPosition({
  db,
  sessionId,
  turnId,
}: {
  db: Db;
  sessionId: string;
  turnId: string;
}): number | undefined {
  const row = db.$client
    .prepare(
      `SELECT (SELECT count(*) FROM turns o WHERE o.session_id = t.session_id AND o.turn_index < t.turn_index)
         AS position FROM turns t WHERE t.id = ? AND t.session_id = ?`,
    )
    .get(turnId, sessionId) as { position: number } | undefined;
  return row?.position;
}

/**
 * Turns whose stored JSON contains every needle (ASCII-lowercased, as `lower()` does), plus the turns named in
 * `alsoIds` (those with a note: a term may be in the note), in turn order: a superset of the turns whose text
 * matches, narrowed exactly by the caller. No needles: every turn.
 */
export function listTurnsContaining({
  db,
  sessionId,
  needles,
  alsoIds,
}: {
  db: Db;
  sessionId: string;
  needles: string[];
  alsoIds: string[];
}): Pick<Turn, "id" | "data">[] {
  // İ (U+0130) and K (U+212A) are the characters whose JavaScript lowercase is ASCII; folding them here keeps
  // the prefilter a superset of what the exact check in lib/shared/find.ts accepts.
  const haystack = "lower(replace(replace(data, 'İ', 'i'), 'K', 'k'))";
  const all = needles.map(() => `instr(${haystack}, ?) > 0`).join(" AND ") || "1";
  return db.$client
    .prepare(
      `SELECT id, data FROM turns WHERE session_id = ?
         AND ((${all}) OR id IN (SELECT value FROM json_each(?))) ORDER BY turn_index`,
    )
    .all(sessionId, ...needles, JSON.stringify(alsoIds)) as Pick<Turn, "id" | "data">[];
}
