// Storing a session's build (lib/sessions/store.ts derives the rows): a full build replaces the session's row,
// turns, search rows and Overview facts; an incremental one replaces only the turns it re-derived and the
// row. Also the few stored facts an incremental build continues from. Reads for the API are in sessions.ts.
import { statement, type Db } from "../client";
import type {
  NewApiCallFact,
  NewSession,
  NewToolCallFact,
  NewTurn,
  NewTurnSignalFact,
  NewTurnUsageFact,
} from "../schema";

export interface TurnSearchText {
  turnId: string;
  prompt: string;
  response: string;
  tools: string;
}

/** The Overview's narrow rows for a session's turns (schema.ts `tool_calls`, `api_calls`, `turn_usage`). */
export interface OverviewFacts {
  toolCalls: NewToolCallFact[];
  apiCalls: NewApiCallFact[];
  turnUsage: NewTurnUsageFact[];
  /** One row per signal kind a turn has (schema.ts `turn_signals`). */
  signals: NewTurnSignalFact[];
}

/** Everything stored per turn, for some or all of a session's turns. */
export interface TurnRows {
  turns: NewTurn[];
  search: TurnSearchText[];
  facts: OverviewFacts;
}

type Client = Db["$client"];

/** The Overview facts' tables: a session's rows are replaced with its turns and dropped with them. */
const FACT_TABLES = ["tool_calls", "api_calls", "turn_usage", "turn_signals"] as const;

function deleteFactsOfSession(c: Client, sessionId: string): void {
  for (const table of FACT_TABLES) statement(c, `DELETE FROM ${table} WHERE session_id = ?`).run(sessionId);
}

function upsertSession(c: Client, session: NewSession): void {
  statement(c, "DELETE FROM excluded_sessions WHERE id = ?").run(session.id);
  statement(
    c,
    `INSERT INTO sessions (id, client, client_version, service_name, started_at, ended_at, models, title,
       turn_count, tool_call_count, tool_failure_count, api_error_count, input_tokens, output_tokens,
       cached_input_tokens, reasoning_tokens, cost_usd, updated_at)
     VALUES (@id, @client, @clientVersion, @serviceName, @startedAt, @endedAt, @models, @title, @turnCount,
       @toolCallCount, @toolFailureCount, @apiErrorCount, @inputTokens, @outputTokens, @cachedInputTokens,
       @reasoningTokens, @costUsd, @updatedAt)
     ON CONFLICT(id) DO UPDATE SET client = excluded.client, client_version = excluded.client_version,
       service_name = excluded.service_name, started_at = excluded.started_at, ended_at = excluded.ended_at,
       models = excluded.models, title = excluded.title, turn_count = excluded.turn_count,
       tool_call_count = excluded.tool_call_count, tool_failure_count = excluded.tool_failure_count,
       api_error_count = excluded.api_error_count, input_tokens = excluded.input_tokens,
       output_tokens = excluded.output_tokens, cached_input_tokens = excluded.cached_input_tokens,
       reasoning_tokens = excluded.reasoning_tokens, cost_usd = excluded.cost_usd, updated_at = excluded.updated_at`,
  ).run({
    clientVersion: null,
    serviceName: null,
    startedAt: null,
    endedAt: null,
    title: null,
    costUsd: null,
    ...session,
  });
}

/** Upserts turns (search rows must be dropped before: they share the turn's rowid) and adds their rows. */
function insertTurnRows(c: Client, sessionId: string, { turns, search, facts }: TurnRows): void {
  const upsertTurn = statement(
    c,
    `INSERT INTO turns (id, session_id, turn_index, key, model, started_at, ended_at, has_error, has_tool_failure,
       triage_score, data, prompt_ns, totals)
     VALUES (@id, @sessionId, @index, @key, @model, @startedAt, @endedAt, @hasError, @hasToolFailure,
       @triageScore, @data, @promptNs, @totals)
     ON CONFLICT(id) DO UPDATE SET session_id = excluded.session_id, turn_index = excluded.turn_index,
       key = excluded.key, model = excluded.model, started_at = excluded.started_at, ended_at = excluded.ended_at,
       has_error = excluded.has_error, has_tool_failure = excluded.has_tool_failure,
       triage_score = excluded.triage_score, data = excluded.data, prompt_ns = excluded.prompt_ns,
       totals = excluded.totals`,
  );
  for (const turn of turns) {
    upsertTurn.run({
      model: null,
      startedAt: null,
      endedAt: null,
      triageScore: 0,
      promptNs: null,
      totals: null,
      ...turn,
      hasError: turn.hasError ? 1 : 0,
      hasToolFailure: turn.hasToolFailure ? 1 : 0,
    });
  }
  const insertSearch = statement(
    c,
    `INSERT INTO turn_search (rowid, turn_id, session_id, prompt, response, tools)
     VALUES ((SELECT rowid FROM turns WHERE id = ?), ?, ?, ?, ?, ?)`,
  );
  for (const row of search)
    insertSearch.run(row.turnId, row.turnId, sessionId, row.prompt, row.response, row.tools);
  const insertToolCall = statement(
    c,
    `INSERT INTO tool_calls (turn_id, call_index, session_id, name, success, duration_ms)
     VALUES (@turnId, @callIndex, @sessionId, @name, @success, @durationMs)`,
  );
  for (const row of facts.toolCalls) insertToolCall.run({ success: null, durationMs: null, ...row });
  const insertApiCall = statement(
    c,
    `INSERT INTO api_calls (turn_id, call_index, session_id, model, started_at, duration_ms, status_code, success)
     VALUES (@turnId, @callIndex, @sessionId, @model, @startedAt, @durationMs, @statusCode, @success)`,
  );
  for (const row of facts.apiCalls) {
    insertApiCall.run({ model: null, startedAt: null, durationMs: null, statusCode: null, ...row });
  }
  const insertUsage = statement(
    c,
    `INSERT INTO turn_usage (turn_id, session_id, model, started_at, ended_at, input_tokens, output_tokens,
       cached_input_tokens, reasoning_tokens, cost_usd, api_errors, ttft_ms)
     VALUES (@turnId, @sessionId, @model, @startedAt, @endedAt, @inputTokens, @outputTokens, @cachedInputTokens,
       @reasoningTokens, @costUsd, @apiErrors, @ttftMs)`,
  );
  for (const row of facts.turnUsage) {
    insertUsage.run({ model: null, startedAt: null, endedAt: null, costUsd: null, ttftMs: null, ...row });
  }
  const insertSignal = statement(
    c,
    "INSERT INTO turn_signals (turn_id, session_id, kind) VALUES (@turnId, @sessionId, @kind)",
  );
  for (const row of facts.signals) insertSignal.run(row);
}

/** Replaces a session's row, its turns, their search rows and Overview facts in one transaction. */
export function saveSessionBuild({ db, session, ...rows }: { db: Db; session: NewSession } & TurnRows): void {
  const c = db.$client;
  c.transaction(() => {
    upsertSession(c, session);
    // Search rows share their turn's rowid, so they are found by rowid (an FTS5 column filter would scan
    // the whole search table): drop the session's old rows before its turns change.
    statement(c, "DELETE FROM turn_search WHERE rowid IN (SELECT rowid FROM turns WHERE session_id = ?)").run(
      session.id,
    );
    statement(c, "DELETE FROM turns WHERE session_id = ? AND id NOT IN (SELECT value FROM json_each(?))").run(
      session.id,
      JSON.stringify(rows.turns.map((turn) => turn.id)),
    );
    deleteFactsOfSession(c, session.id);
    insertTurnRows(c, session.id, rows);
  })();
}

/** Replaces the session's row and the rows of these turns only (the others stay as stored). */
export function saveSessionTurns({ db, session, ...rows }: { db: Db; session: NewSession } & TurnRows): void {
  const c = db.$client;
  const ids = JSON.stringify(rows.turns.map((turn) => turn.id));
  c.transaction(() => {
    upsertSession(c, session);
    const dropSearch = statement(
      c,
      "DELETE FROM turn_search WHERE rowid = (SELECT rowid FROM turns WHERE id = ?)",
    );
    for (const turn of rows.turns) dropSearch.run(turn.id);
    for (const table of FACT_TABLES)
      statement(c, `DELETE FROM ${table} WHERE turn_id IN (SELECT value FROM json_each(?))`).run(ids);
    insertTurnRows(c, session.id, rows);
  })();
}

/** A session id that turned out not to be a session (e.g. a title conversation): drop what was built. */
export function saveExcludedSession({ db, id, reason }: { db: Db; id: string; reason: string }): void {
  const c = db.$client;
  c.transaction(() => {
    statement(c, "DELETE FROM sessions WHERE id = ?").run(id);
    statement(c, "DELETE FROM turn_search WHERE rowid IN (SELECT rowid FROM turns WHERE session_id = ?)").run(
      id,
    );
    statement(c, "DELETE FROM turns WHERE session_id = ?").run(id);
    deleteFactsOfSession(c, id);
    statement(
      c,
      "INSERT INTO excluded_sessions (id, reason) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET reason = excluded.reason",
    ).run(id, reason);
  })();
}

/** What an incremental build keeps of the stored session row. */
export interface StoredSession {
  client: string;
  clientVersion: string | null;
  serviceName: string | null;
  title: string | null;
  turnCount: number;
}

export function getStoredSession({ db, id }: { db: Db; id: string }): StoredSession | undefined {
  return statement(
    db.$client,
    `SELECT client, client_version AS clientVersion, service_name AS serviceName, title, turn_count AS turnCount
       FROM sessions WHERE id = ?`,
  ).get(id) as StoredSession | undefined;
}

/** A stored turn's place: its key, index, prompt time and the session's totals through it (JSON). */
export interface StoredTurnPlace {
  key: string;
  index: number;
  promptNs: string | null;
  totals: string | null;
}

const PLACE = "key, turn_index AS `index`, prompt_ns AS promptNs, totals FROM turns";

/** Stored turns by id (ids, not keys: the primary key, where keys would scan the session's turns). */
export function listTurnPlacesByIds({
  db,
  sessionId,
  ids,
}: {
  db: Db;
  sessionId: string;
  ids: string[];
}): StoredTurnPlace[] {
  if (ids.length === 0) return [];
  return (
    db.$client
      // `+session_id`: by the primary key (the session index would scan all the session's turns)
      .prepare(`SELECT ${PLACE} WHERE id IN (SELECT value FROM json_each(?)) AND +session_id = ?`)
      .all(JSON.stringify(ids), sessionId) as StoredTurnPlace[]
  );
}

export function getTurnPlaceByIndex({
  db,
  sessionId,
  index,
}: {
  db: Db;
  sessionId: string;
  index: number;
}): StoredTurnPlace | undefined {
  return statement(db.$client, `SELECT ${PLACE} WHERE session_id = ? AND turn_index = ?`).get(
    sessionId,
    index,
  ) as StoredTurnPlace | undefined;
}
