// Tool names seen in the index, for the list's tool filter (tool_calls, one row per call).
import type { Db } from "../client";

export interface ToolNameRow {
  name: string;
  calls: number;
}

/** Names by number of calls, most first (a scan of the `tool_calls_name` index, no turn JSON). */
export function listToolNames({ db, limit }: { db: Db; limit: number }): ToolNameRow[] {
  return db.$client
    .prepare("SELECT name, count(*) AS calls FROM tool_calls GROUP BY name ORDER BY calls DESC, name LIMIT ?")
    .all(limit) as ToolNameRow[];
}
