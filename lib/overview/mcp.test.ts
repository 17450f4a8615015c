import { expect, test } from "vitest";
import { mcpServerOf, toMcpServers } from "./mcp";
import type { ToolStats } from "./types";

const tool = (name: string, calls: number, failures: number): ToolStats => ({
  name,
  mcp_server: mcpServerOf(name),
  calls,
  failures,
  failure_rate: failures / calls,
  p50_ms: null,
  p95_ms: null,
});

test("mcp__<server>__<tool> names an MCP server; other names do not", () => {
  expect(mcpServerOf("mcp__github__search_issues")).toBe("github");
  expect(mcpServerOf("mcp__my_server__do__thing")).toBe("my_server");
  for (const name of ["Bash", "exec_command", "mcp__", "mcp__github", "github__search"])
    expect(mcpServerOf(name)).toBeNull();
});

test("servers sum their tools' calls and failures, busiest first", () => {
  const servers = toMcpServers([
    tool("mcp__linear__create", 2, 1),
    tool("Bash", 9, 0),
    tool("mcp__github__search", 3, 0),
    tool("mcp__linear__list", 4, 0),
  ]);
  expect(servers).toEqual([
    { server: "linear", tools: ["mcp__linear__create", "mcp__linear__list"], calls: 6, failures: 1 },
    { server: "github", tools: ["mcp__github__search"], calls: 3, failures: 0 },
  ]);
});
