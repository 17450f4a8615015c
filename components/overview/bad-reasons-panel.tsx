// Bad reasons by client, model and tool: how many turns carry each bad-polarity reason, most first. Each
// row links to the sessions with that reason, narrowed like the label skew panel (tools by search).
import Link from "next/link";
import type { Overview, ReasonCount } from "@/lib/overview/types";
import { ChartCard } from "./chart-card";
import { sessionsHref, type SessionsLinkFilter } from "./overview-query";
import { modelLabel } from "./series";

/** Rows shown: the table is a ranking, not a full listing. */
const ROW_LIMIT = 30;

function narrowOf(row: ReasonCount): SessionsLinkFilter {
  const narrow: SessionsLinkFilter = { reason: row.reason };
  if (row.value === null) return narrow;
  const key = row.dimension === "tool" ? "q" : row.dimension;
  return { ...narrow, [key]: row.value };
}

export function BadReasonsPanel({ overview }: { overview: Overview }) {
  const rows = overview.reasons.bad.slice(0, ROW_LIMIT);
  const cell = "px-2 py-1 text-right tabular-nums";
  return (
    <ChartCard
      testId="bad-reasons"
      title="Bad reasons"
      caption="turns tagged with each bad reason, by client, model and tool"
      empty={rows.length === 0 && "No turn in this range has a bad reason."}
    >
      <table className="w-full text-sm">
        <thead className="text-xs text-zinc-600 dark:text-zinc-400">
          <tr className="border-b border-zinc-200 dark:border-zinc-800">
            <th className="px-2 py-1 text-left font-medium">Reason</th>
            <th className="px-2 py-1 text-left font-medium">Kind</th>
            <th className="w-1/2 px-2 py-1 text-left font-medium">Name</th>
            <th className={`${cell} font-medium`}>Turns</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={`${row.reason}:${row.dimension}:${row.value ?? ""}`}
              data-testid="bad-reason-row"
              className="border-b border-zinc-100 dark:border-zinc-900"
            >
              <td className="px-2 py-1">{row.title}</td>
              <td className="px-2 py-1 text-zinc-600 dark:text-zinc-400">{row.dimension}</td>
              <td className="max-w-0 truncate px-2 py-1">
                <Link
                  prefetch={false}
                  href={sessionsHref(overview.scope, narrowOf(row))}
                  className="text-blue-700 hover:underline dark:text-blue-400"
                >
                  {row.dimension === "model" ? modelLabel(row.value) : (row.value ?? "(none)")}
                </Link>
              </td>
              <td className={cell}>{row.turns}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ChartCard>
  );
}
