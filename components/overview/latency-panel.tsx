"use client";
// Turn latency per model: time to first token and end-to-end, median and p95, as two bar charts (their
// scales differ by orders of magnitude) and a table with how many turns each figure rests on.
import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import type { LatencyStats, Overview } from "@/lib/overview/types";
import { formatCount, formatDuration } from "../format";
import { ChartCard } from "./chart-card";
import { WhenNear } from "./when-near";
import { AXIS_PROPS, CURSOR, GRID_PROPS, SERIES_COLORS, axisLabel } from "./chart-theme";
import { CHART_HEIGHT } from "./day-bar-chart";
import { ChartTooltip } from "./chart-tooltip";
import { sessionsHref } from "./overview-query";
import { modelLabel } from "./series";

const CHARTS = [
  { title: "Time to first token", p50: "ttft_p50_ms", p95: "ttft_p95_ms" },
  { title: "End to end", p50: "e2e_p50_ms", p95: "e2e_p95_ms" },
] as const;

export function LatencyPanel({ overview }: { overview: Overview }) {
  const router = useRouter();
  const rows = overview.latency.map((row) => ({ ...row, label: modelLabel(row.model) }));
  const open = (row: LatencyStats): void =>
    router.push(sessionsHref(overview.scope, row.model ? { model: row.model } : {}));
  return (
    <ChartCard
      testId="chart-latency"
      title="Turn latency by model"
      caption="ms; TTFT is the client's own figure where it sends one, else the time to the first complete response (docs/overview.md)"
      empty={rows.length === 0 && "No turns in this range."}
      wide
    >
      <div className="grid gap-3 md:grid-cols-2">
        {CHARTS.map((chart) => (
          <figure key={chart.title} className="min-w-0">
            <figcaption className="text-xs font-medium text-zinc-700 dark:text-zinc-300">
              {chart.title}
            </figcaption>
            <WhenNear height={CHART_HEIGHT}>
              <BarChart
                responsive
                data={rows}
                style={{ width: "100%", height: CHART_HEIGHT }}
                margin={{ top: 4, right: 8, bottom: 12, left: 8 }}
              >
                <CartesianGrid {...GRID_PROPS} />
                <XAxis dataKey="label" {...AXIS_PROPS} interval={0} label={axisLabel("model", "x")} />
                <YAxis
                  {...AXIS_PROPS}
                  width={56}
                  tickFormatter={formatCount}
                  allowDecimals={false}
                  label={axisLabel("ms", "y")}
                />
                <Tooltip
                  cursor={CURSOR}
                  content={<ChartTooltip format={formatDuration} hint="click: sessions with this model" />}
                />
                <Legend wrapperStyle={{ fontSize: 11, paddingTop: 8 }} />
                <Bar
                  dataKey={chart.p50}
                  name="median"
                  maxBarSize={48}
                  fill={SERIES_COLORS[0]}
                  cursor="pointer"
                  isAnimationActive={false}
                  onClick={(item) => open(item.payload as LatencyStats)}
                />
                <Bar
                  dataKey={chart.p95}
                  name="p95"
                  maxBarSize={48}
                  fill={SERIES_COLORS[1]}
                  cursor="pointer"
                  isAnimationActive={false}
                  onClick={(item) => open(item.payload as LatencyStats)}
                />
              </BarChart>
            </WhenNear>
          </figure>
        ))}
      </div>
      <LatencyTable rows={overview.latency} />
    </ChartCard>
  );
}

function LatencyTable({ rows }: { rows: LatencyStats[] }) {
  const cell = "px-2 py-1 text-right tabular-nums";
  const headers = ["Turns", "with TTFT", "TTFT median", "TTFT p95", "End-to-end median", "End-to-end p95"];
  return (
    <table data-testid="latency-table" className="mt-2 w-full text-sm">
      <thead className="text-xs text-zinc-600 dark:text-zinc-400">
        <tr className="border-b border-zinc-200 dark:border-zinc-800">
          <th className="px-2 py-1 text-left font-medium">Model</th>
          {headers.map((header) => (
            <th key={header} className={`${cell} font-medium`}>
              {header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr
            key={row.model ?? ""}
            data-testid="latency-row"
            className="border-b border-zinc-100 dark:border-zinc-900"
          >
            <td className="px-2 py-1">{modelLabel(row.model)}</td>
            <td className={cell}>{row.turns.toLocaleString("en-US")}</td>
            <td className={cell}>{row.ttft_turns.toLocaleString("en-US")}</td>
            <td className={cell}>{formatDuration(row.ttft_p50_ms)}</td>
            <td className={cell}>{formatDuration(row.ttft_p95_ms)}</td>
            <td className={cell}>{formatDuration(row.e2e_p50_ms)}</td>
            <td className={cell}>{formatDuration(row.e2e_p95_ms)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
