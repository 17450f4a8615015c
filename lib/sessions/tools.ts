// GET /api/tools's body: the tool names the list's tool filter offers.
import type { Db } from "@/db/client";
import { listToolNames } from "@/db/queries/tools";
import type { ToolList } from "@/lib/shared/views";

/** More names than a person scrolls through; MCP servers can add hundreds. */
const MAX_TOOLS = 500;

export function listTools(db: Db): ToolList {
  return { tools: listToolNames({ db, limit: MAX_TOOLS }) };
}
