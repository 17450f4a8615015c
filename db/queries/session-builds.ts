// Storing a session's build (lib/sessions/store.ts derives the rows): a full build replaces the session's row,
// turns, search rows and Overview facts; an incremental one replaces only the turns it re-derived and the
// row. Also the few stored facts an incremental build continues from. Reads for the API are in sessions.ts.
import { fragmentsOf } from "../dialect";
import type {
  NewApiCallFact,
  NewSession,
  NewToolCallFact,
  NewTurn,
  NewTurnSignalFact,
  NewTurnUsageFact,
} from "../schema";
import type { Store } from "../store";

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

/** The Overview facts' tables: a session's rows are replaced with its turns and dropped with them. */
const FACT_TABLES = ["tool_calls", "api_calls", "turn_usage", "turn_signals"] as const;

async function deleteFactsOfSession(tx: Store, sessionId: string): Promise<void> {
  for (const table of FACT_TABLES)
    await tx.run(`DELETE FROM ${table} WHERE session_id = @sessionId`, { sessionId });
}

/** A session's search rows. SQLite: they share their turn's rowid and are found by it (an FTS5 column filter
 * would scan the whole search table), so drop them before the session's turns change. */
async function deleteSearchOfSession(tx: Store, sessionId: string): Promise<void> {
  await tx.run(`DELETE FROM turn_search WHERE ${fragmentsOf(tx.dialect).turnSearchOfSession("@sessionId")}`, {
    sessionId,
  });
}

async function upsertSession(tx: Store, session: NewSession): Promise<void> {
  await tx.run("DELETE FROM excluded_sessions WHERE id = @id", { id: session.id });
  await tx.run(
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
    {
      clientVersion: null,
      serviceName: null,
      startedAt: null,
      endedAt: null,
      title: null,
      costUsd: null,
      ...session,
    },
  );
}

const UPSERT_TURN = `INSERT INTO turns (id, session_id, turn_index, key, model, started_at, ended_at, has_error,
    has_tool_failure, triage_score, data, prompt_ns, totals)
  VALUES (@id, @sessionId, @index, @key, @model, @startedAt, @endedAt, @hasError, @hasToolFailure,
    @triageScore, @data, @promptNs, @totals)
  ON CONFLICT(id) DO UPDATE SET session_id = excluded.session_id, turn_index = excluded.turn_index,
    key = excluded.key, model = excluded.model, started_at = excluded.started_at, ended_at = excluded.ended_at,
    has_error = excluded.has_error, has_tool_failure = excluded.has_tool_failure,
    triage_score = excluded.triage_score, data = excluded.data, prompt_ns = excluded.prompt_ns,
    totals = excluded.totals`;

/** SQLite's FTS5 row takes its turn's rowid (how the session's rows are found again); Postgres' row has its
 * session id. */
const insertSearchSql = (tx: Store): string =>
  tx.dialect === "sqlite"
    ? `INSERT INTO turn_search (rowid, turn_id, session_id, prompt, response, tools)
       VALUES ((SELECT rowid FROM turns WHERE id = @turnId), @turnId, @sessionId, @prompt, @response, @tools)`
    : `INSERT INTO turn_search (turn_id, session_id, prompt, response, tools)
       VALUES (@turnId, @sessionId, @prompt, @response, @tools)`;

const INSERT_TOOL_CALL = `INSERT INTO tool_calls (turn_id, call_index, session_id, name, success, duration_ms)
  VALUES (@turnId, @callIndex, @sessionId, @name, @success, @durationMs)`;
const INSERT_API_CALL = `INSERT INTO api_calls (turn_id, call_index, session_id, model, started_at, duration_ms,
    status_code, success)
  VALUES (@turnId, @callIndex, @sessionId, @model, @startedAt, @durationMs, @statusCode, @success)`;
const INSERT_USAGE = `INSERT INTO turn_usage (turn_id, session_id, model, started_at, ended_at, input_tokens,
    output_tokens, cached_input_tokens, reasoning_tokens, cost_usd, api_errors, ttft_ms)
  VALUES (@turnId, @sessionId, @model, @startedAt, @endedAt, @inputTokens, @outputTokens, @cachedInputTokens,
    @reasoningTokens, @costUsd, @apiErrors, @ttftMs)`;
const INSERT_SIGNAL =
  "INSERT INTO turn_signals (turn_id, session_id, kind) VALUES (@turnId, @sessionId, @kind)";

/** Upserts turns (search rows must be dropped before: they share the turn's rowid) and adds their rows. */
async function insertTurnRows(
  tx: Store,
  sessionId: string,
  { turns, search, facts }: TurnRows,
): Promise<void> {
  for (const turn of turns) {
    await tx.run(UPSERT_TURN, {
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
  const insertSearch = insertSearchSql(tx);
  for (const row of search) await tx.run(insertSearch, { ...row, sessionId });
  for (const row of facts.toolCalls)
    await tx.run(INSERT_TOOL_CALL, { success: null, durationMs: null, ...row });
  for (const row of facts.apiCalls)
    await tx.run(INSERT_API_CALL, {
      model: null,
      startedAt: null,
      durationMs: null,
      statusCode: null,
      ...row,
    });
  for (const row of facts.turnUsage)
    await tx.run(INSERT_USAGE, {
      model: null,
      startedAt: null,
      endedAt: null,
      costUsd: null,
      ttftMs: null,
      ...row,
    });
  for (const row of facts.signals) await tx.run(INSERT_SIGNAL, { ...row });
}

/** Replaces a session's row, its turns, their search rows and Overview facts in one transaction. */
export async function saveSessionBuild({
  store,
  session,
  ...rows
}: { store: Store; session: NewSession } & TurnRows): Promise<void> {
  await store.transaction(async (tx) => {
    await upsertSession(tx, session);
    await deleteSearchOfSession(tx, session.id);
    await tx.run(
      `DELETE FROM turns WHERE session_id = @sessionId AND id NOT IN (${fragmentsOf(tx.dialect).jsonValues("@ids")})`,
      { sessionId: session.id, ids: JSON.stringify(rows.turns.map((turn) => turn.id)) },
    );
    await deleteFactsOfSession(tx, session.id);
    await insertTurnRows(tx, session.id, rows);
  });
}

/** Replaces the session's row and the rows of these turns only (the others stay as stored). */
export async function saveSessionTurns({
  store,
  session,
  ...rows
}: { store: Store; session: NewSession } & TurnRows): Promise<void> {
  const ids = JSON.stringify(rows.turns.map((turn) => turn.id));
  const dropSearch =
    store.dialect === "sqlite"
      ? "DELETE FROM turn_search WHERE rowid = (SELECT rowid FROM turns WHERE id = @turnId)"
      : "DELETE FROM turn_search WHERE turn_id = @turnId";
  await store.transaction(async (tx) => {
    await upsertSession(tx, session);
    for (const turn of rows.turns) await tx.run(dropSearch, { turnId: turn.id });
    for (const table of FACT_TABLES)
      await tx.run(`DELETE FROM ${table} WHERE turn_id IN (${fragmentsOf(tx.dialect).jsonValues("@ids")})`, {
        ids,
      });
    await insertTurnRows(tx, session.id, rows);
  });
}

/** A session id that turned out not to be a session (e.g. a title conversation): drop what was built. */
export async function saveExcludedSession({
  store,
  id,
  reason,
}: {
  store: Store;
  id: string;
  reason: string;
}): Promise<void> {
  await store.transaction(async (tx) => {
    await tx.run("DELETE FROM sessions WHERE id = @id", { id });
    await deleteSearchOfSession(tx, id);
    await tx.run("DELETE FROM turns WHERE session_id = @id", { id });
    await deleteFactsOfSession(tx, id);
    await tx.run(
      `INSERT INTO excluded_sessions (id, reason) VALUES (@id, @reason)
       ON CONFLICT(id) DO UPDATE SET reason = excluded.reason`,
      { id, reason },
    );
  });
}

/** What an incremental build keeps of the stored session row. */
export interface StoredSession {
  client: string;
  clientVersion: string | null;
  serviceName: string | null;
  title: string | null;
  turnCount: number;
}

export function getStoredSession({
  store,
  id,
}: {
  store: Store;
  id: string;
}): Promise<StoredSession | undefined> {
  return store.get<StoredSession>(
    `SELECT client, client_version AS clientVersion, service_name AS serviceName, title, turn_count AS turnCount
       FROM sessions WHERE id = @id`,
    { id },
  );
}

/** A stored turn's place: its key, index, prompt time and the session's totals through it (JSON). */
export interface StoredTurnPlace {
  key: string;
  index: number;
  promptNs: string | null;
  totals: string | null;
}

const PLACE = `key, turn_index AS "index", prompt_ns AS promptNs, totals FROM turns`;

/** Stored turns by id (ids, not keys: the primary key, where keys would scan the session's turns). */
export function listTurnPlacesByIds({
  store,
  sessionId,
  ids,
}: {
  store: Store;
  sessionId: string;
  ids: string[];
}): Promise<StoredTurnPlace[]> {
  if (ids.length === 0) return Promise.resolve([]);
  // `+session_id`: by the primary key (SQLite's session index would scan all the session's turns)
  const sessionColumn = store.dialect === "sqlite" ? "+session_id" : "session_id";
  return store.all<StoredTurnPlace>(
    `SELECT ${PLACE} WHERE id IN (${fragmentsOf(store.dialect).jsonValues("@ids")}) AND ${sessionColumn} = @sessionId`,
    { ids: JSON.stringify(ids), sessionId },
  );
}

export function getTurnPlaceByIndex({
  store,
  sessionId,
  index,
}: {
  store: Store;
  sessionId: string;
  index: number;
}): Promise<StoredTurnPlace | undefined> {
  return store.get<StoredTurnPlace>(`SELECT ${PLACE} WHERE session_id = @sessionId AND turn_index = @index`, {
    sessionId,
    index,
  });
}
