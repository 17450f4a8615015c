// MCP servers, recognized by tool name: `mcp__<server>__<tool>` (how Claude Code names MCP tools in its
// telemetry). Other clients' MCP calls carry no such name in TurnData and count as ordinary tools.
import type { McpServerStats, ToolStats } from "./types";

const MCP_TOOL = /^mcp__(.+?)__(.+)$/;

export function mcpServerOf(toolName: string): string | null {
  return MCP_TOOL.exec(toolName)?.[1] ?? null;
}

/** Per server: its tools seen in scope, their calls and failures (from the per-tool rows). */
export function toMcpServers(tools: ToolStats[]): McpServerStats[] {
  const servers = new Map<string, McpServerStats>();
  for (const tool of tools) {
    if (tool.mcp_server === null) continue;
    const server = servers.get(tool.mcp_server) ?? {
      server: tool.mcp_server,
      tools: [],
      calls: 0,
      failures: 0,
    };
    server.tools.push(tool.name);
    server.calls += tool.calls;
    server.failures += tool.failures;
    servers.set(tool.mcp_server, server);
  }
  return [...servers.values()].sort((a, b) => b.calls - a.calls || a.server.localeCompare(b.server));
}
