// GET /api/tools's body: the tool names the list's tool filter offers.
import { listToolNames } from "@/db/queries/tools";
import type { Store } from "@/db/store";
import type { ToolList } from "@/lib/shared/views";

/** More names than a person scrolls through; MCP servers can add hundreds. */
const MAX_TOOLS = 500;

export async function listTools(store: Store): Promise<ToolList> {
  return { tools: await listToolNames({ store, limit: MAX_TOOLS }) };
}
