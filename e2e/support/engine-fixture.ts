// Test support: the SQLite index the engine comparisons start from (lib/*/engines.test.ts, copied into
// PostgreSQL there): one transport of each capture of otlp and otlp-more (grpc, http-binary and http-json carry
// the same session), and two sessions without a start time, since SQLite sorts NULL lowest and PostgreSQL
// highest unless told. Each of those has one turn, a copy of a turn with a prompt.
import path from "node:path";
import { sqliteStoreOf } from "@/db/store-sqlite";
import { FIXTURES_DIR, FIXTURES_MORE_DIR, listCaptureFolders } from "./fixtures-dir";
import { folderRequests, ReplayIndex } from "./index-replay";

export const SESSIONS_WITHOUT_START = ["no-start-a", "no-start-b"];

export async function replayEngineFixture(): Promise<ReplayIndex> {
  const replay = new ReplayIndex();
  const captures = new Map<string, string>();
  for (const folder of [...listCaptureFolders(FIXTURES_DIR), ...listCaptureFolders(FIXTURES_MORE_DIR)])
    if (!captures.has(path.dirname(folder))) captures.set(path.dirname(folder), folder);
  for (const folder of captures.values()) await replay.add(folderRequests(folder));
  const sqlite = sqliteStoreOf(replay.db);
  for (const id of SESSIONS_WITHOUT_START) {
    await sqlite.run(
      `INSERT INTO sessions (id, client, models, turn_count, tool_call_count, tool_failure_count, api_error_count,
         input_tokens, output_tokens, cached_input_tokens, reasoning_tokens, updated_at)
       VALUES (?, 'codex', '[]', 1, 0, 0, 0, 0, 0, 0, 0, 1)`,
      [id],
    );
    await sqlite.run(
      `INSERT INTO turns (id, session_id, turn_index, key, has_error, has_tool_failure, data)
       SELECT ?, ?, 0, 'k', 0, 0, data FROM turns WHERE data ->> '$.prompt' IS NOT NULL ORDER BY id LIMIT 1`,
      [`${id}-t0`, id],
    );
  }
  return replay;
}
