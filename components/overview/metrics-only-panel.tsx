// Usage of sources that send metrics only (Continue): they have no sessions, so no other panel counts them.
// Shown only when there is such usage in the range; the table says why there are no sessions to open.
import type { Overview } from "@/lib/overview/types";
import { formatCost, formatCount } from "../format";
import { ChartCard } from "./chart-card";

export function MetricsOnlyPanel({ overview }: { overview: Overview }) {
  const rows = overview.metrics_only;
  if (rows.length === 0) return null;
  return (
    <ChartCard
      testId="metrics-only"
      title="Metrics-only sources"
      caption="tokens and cost by client and day, from their metrics: these clients send no prompts or session id, so they have no sessions"
      wide
    >
      <table className="w-full text-sm tabular-nums">
        <thead className="text-left text-xs text-zinc-600 dark:text-zinc-400">
          <tr>
            <th className="py-1 font-medium">day</th>
            <th className="py-1 font-medium">client</th>
            <th className="py-1 font-medium">model</th>
            <th className="py-1 text-right font-medium">input tokens</th>
            <th className="py-1 text-right font-medium">output tokens</th>
            <th className="py-1 text-right font-medium">cost</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={`${row.day}|${row.client}|${row.model ?? ""}`}
              data-testid="metrics-only-row"
              className="border-t border-zinc-100 dark:border-zinc-800"
            >
              <td className="py-1">{row.day}</td>
              <td className="py-1 font-mono text-xs">{row.client}</td>
              <td className="py-1">{row.model ?? "—"}</td>
              <td className="py-1 text-right">{formatCount(row.input_tokens)}</td>
              <td className="py-1 text-right">{formatCount(row.output_tokens)}</td>
              <td className="py-1 text-right">{formatCost(row.cost_usd) ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ChartCard>
  );
}
