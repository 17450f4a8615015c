// Tool names seen in the index, for the list's tool filter (tool_calls, one row per call).
import type { Store } from "../store";

export interface ToolNameRow {
  name: string;
  calls: number;
}

/** Names by number of calls, most first (a scan of the `tool_calls_name` index, no turn JSON). */
export function listToolNames({ store, limit }: { store: Store; limit: number }): Promise<ToolNameRow[]> {
  return store.all<ToolNameRow>(
    "SELECT name, count(*) AS calls FROM tool_calls GROUP BY name ORDER BY calls DESC, name LIMIT ?",
    [limit],
  );
}
