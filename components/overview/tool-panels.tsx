"use client";
// Tool calls by tool (count, failures, failure rate, p50/p95 duration) and MCP servers. A tool's link opens
// the sessions that called it (`tool=`); its failures add `tool_failed=true`.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import type { Overview, ToolStats } from "@/lib/overview/types";
import { formatCount, formatDuration } from "../format";
import { ChartCard } from "./chart-card";
import { WhenNear } from "./when-near";
import { AXIS_PROPS, BAD_COLOR, CURSOR, GRID_PROPS, SERIES_COLORS, axisLabel } from "./chart-theme";
import { ChartTooltip } from "./chart-tooltip";
import { sessionsHref } from "./overview-query";

/** Bars drawn; the table below lists every tool. */
const CHART_TOOLS = 12;
const BAR_HEIGHT = 22;
/** The x axis with its title and the legend take this much of the chart's height. */
const AXES_AND_LEGEND_PX = 90;

const percent = (rate: number): string => `${(rate * 100).toFixed(rate > 0 && rate < 0.1 ? 1 : 0)}%`;

export function ToolPanels({ overview }: { overview: Overview }) {
  const router = useRouter();
  const { tools, scope } = overview;
  const toolHref = (tool: ToolStats, failed = false): string =>
    sessionsHref(scope, { tool: tool.name, tool_failed: failed });
  const rows = tools.slice(0, CHART_TOOLS).map((tool) => ({ ...tool, ok: tool.calls - tool.failures }));
  return (
    <>
      <ChartCard
        testId="chart-tools"
        title="Tool calls by tool"
        caption="count; failed = the client reported success false"
        empty={tools.length === 0 && "No tool calls in this range."}
        wide
      >
        <WhenNear height={AXES_AND_LEGEND_PX + rows.length * BAR_HEIGHT}>
          <BarChart
            responsive
            layout="vertical"
            data={rows}
            style={{ width: "100%", height: AXES_AND_LEGEND_PX + rows.length * BAR_HEIGHT }}
            margin={{ top: 4, right: 16, bottom: 12, left: 8 }}
          >
            <CartesianGrid {...GRID_PROPS} vertical horizontal={false} />
            <XAxis
              type="number"
              {...AXIS_PROPS}
              tickFormatter={formatCount}
              allowDecimals={false}
              label={axisLabel("calls", "x")}
            />
            <YAxis type="category" dataKey="name" {...AXIS_PROPS} width={180} interval={0} />
            <Tooltip
              cursor={CURSOR}
              content={<ChartTooltip format={formatCount} hint="click: sessions that used this tool" />}
            />
            <Legend wrapperStyle={{ fontSize: 11, paddingTop: 8 }} />
            <Bar
              dataKey="ok"
              name="succeeded"
              stackId="calls"
              fill={SERIES_COLORS[0]}
              cursor="pointer"
              isAnimationActive={false}
              onClick={(item) => router.push(toolHref(item.payload as ToolStats))}
            />
            <Bar
              dataKey="failures"
              name="failed"
              stackId="calls"
              fill={BAD_COLOR}
              cursor="pointer"
              isAnimationActive={false}
              onClick={(item) => router.push(toolHref(item.payload as ToolStats, true))}
            />
          </BarChart>
        </WhenNear>
        <ToolTable tools={tools} toolHref={toolHref} />
      </ChartCard>
      <McpTable overview={overview} />
    </>
  );
}

function ToolTable({
  tools,
  toolHref,
}: {
  tools: ToolStats[];
  toolHref: (tool: ToolStats, failed?: boolean) => string;
}) {
  const cell = "px-2 py-1 text-right tabular-nums";
  return (
    <table data-testid="tools-table" className="mt-2 w-full text-sm">
      <thead className="text-xs text-zinc-600 dark:text-zinc-400">
        <tr className="border-b border-zinc-200 dark:border-zinc-800">
          <th className="w-2/5 px-2 py-1 text-left font-medium">Tool</th>
          <th className={`${cell} font-medium`}>Calls</th>
          <th className={`${cell} font-medium`}>Failed</th>
          <th className={`${cell} font-medium`}>Failure rate</th>
          <th className={`${cell} font-medium`}>Median duration</th>
          <th className={`${cell} font-medium`}>p95 duration</th>
        </tr>
      </thead>
      <tbody>
        {tools.map((tool) => (
          <tr
            key={tool.name}
            data-testid="tool-row"
            data-tool={tool.name}
            className="border-b border-zinc-100 dark:border-zinc-900"
          >
            <td className="max-w-0 truncate px-2 py-1 font-mono text-xs" title={tool.name}>
              <Link
                prefetch={false}
                href={toolHref(tool)}
                className="text-blue-700 hover:underline dark:text-blue-400"
              >
                {tool.name}
              </Link>
            </td>
            <td className={cell}>{tool.calls.toLocaleString("en-US")}</td>
            <td className={cell}>
              {tool.failures > 0 ? (
                <Link
                  prefetch={false}
                  href={toolHref(tool, true)}
                  className="text-blue-700 hover:underline dark:text-blue-400"
                >
                  {tool.failures.toLocaleString("en-US")}
                </Link>
              ) : (
                0
              )}
            </td>
            <td className={cell}>{percent(tool.failure_rate)}</td>
            <td className={cell}>{formatDuration(tool.p50_ms)}</td>
            <td className={cell}>{formatDuration(tool.p95_ms)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function McpTable({ overview }: { overview: Overview }) {
  const { mcp_servers: servers, scope } = overview;
  const cell = "px-2 py-1 text-right tabular-nums";
  return (
    <ChartCard
      testId="mcp-servers"
      title="MCP servers"
      caption="tools named mcp__<server>__<tool>; calls and failures"
      empty={servers.length === 0 && "No MCP calls in this range."}
    >
      <table className="w-full text-sm">
        <thead className="text-xs text-zinc-600 dark:text-zinc-400">
          <tr className="border-b border-zinc-200 dark:border-zinc-800">
            <th className="px-2 py-1 text-left font-medium">Server</th>
            <th className="px-2 py-1 text-left font-medium">Tools</th>
            <th className={`${cell} font-medium`}>Calls</th>
            <th className={`${cell} font-medium`}>Failed</th>
          </tr>
        </thead>
        <tbody>
          {servers.map((server) => (
            <tr
              key={server.server}
              data-testid="mcp-row"
              className="border-b border-zinc-100 dark:border-zinc-900"
            >
              <td className="px-2 py-1">
                <Link
                  prefetch={false}
                  href={sessionsHref(scope, { q: `mcp__${server.server}` })}
                  className="text-blue-700 hover:underline dark:text-blue-400"
                >
                  {server.server}
                </Link>
              </td>
              <td className="px-2 py-1 font-mono text-xs">
                {server.tools.map((tool) => tool.replace(`mcp__${server.server}__`, "")).join(", ")}
              </td>
              <td className={cell}>{server.calls.toLocaleString("en-US")}</td>
              <td className={cell}>{server.failures.toLocaleString("en-US")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ChartCard>
  );
}
