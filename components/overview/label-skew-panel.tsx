// Tools, models and clients over-represented in bad turns: each one's share of bad turns next to its share
// of good turns, strongest difference first. Shares, not counts, so a busy tool is not flagged for being busy.
import Link from "next/link";
import type { OverRepresented, Overview } from "@/lib/overview/types";
import { ChartCard } from "./chart-card";
import { sessionsHref, type SessionsLinkFilter } from "./overview-query";
import { modelLabel } from "./series";

const percent = (share: number): string => `${Math.round(share * 100)}%`;

/** Sessions with a bad turn, narrowed to the row's model, client, or (by search, as the tools panel) tool. */
function narrowOf(row: OverRepresented): SessionsLinkFilter {
  const narrow: SessionsLinkFilter = { label_state: "has-bad" };
  if (row.value === null) return narrow;
  const key = row.dimension === "tool" ? "q" : row.dimension;
  return { ...narrow, [key]: row.value };
}

export function LabelSkewPanel({ overview }: { overview: Overview }) {
  const { labels, scope } = overview;
  const rows = labels.over_represented;
  const empty =
    labels.totals.good === 0 || labels.totals.bad === 0
      ? "Needs both good and bad turn labels in this range."
      : rows.length === 0 && "Nothing is more frequent in bad turns than in good ones.";
  const cell = "px-2 py-1 text-right tabular-nums";
  return (
    <ChartCard
      testId="label-skew"
      title="Over-represented in bad turns"
      caption={`share of the ${labels.totals.bad} bad turns vs share of the ${labels.totals.good} good turns`}
      empty={empty}
    >
      <table className="w-full text-sm">
        <thead className="text-xs text-zinc-600 dark:text-zinc-400">
          <tr className="border-b border-zinc-200 dark:border-zinc-800">
            <th className="px-2 py-1 text-left font-medium">Kind</th>
            <th className="w-1/2 px-2 py-1 text-left font-medium">Name</th>
            <th className={`${cell} font-medium`}>In bad turns</th>
            <th className={`${cell} font-medium`}>In good turns</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const href = sessionsHref(scope, narrowOf(row));
            return (
              <tr
                key={`${row.dimension}:${row.value ?? ""}`}
                data-testid="skew-row"
                className="border-b border-zinc-100 dark:border-zinc-900"
              >
                <td className="px-2 py-1 text-zinc-600 dark:text-zinc-400">{row.dimension}</td>
                <td className="max-w-0 truncate px-2 py-1">
                  <Link
                    prefetch={false}
                    href={href}
                    className="text-blue-700 hover:underline dark:text-blue-400"
                  >
                    {row.dimension === "model" ? modelLabel(row.value) : (row.value ?? "(none)")}
                  </Link>
                </td>
                <td className={cell}>
                  {percent(row.bad_share)} <span className="text-xs text-zinc-500">({row.bad})</span>
                </td>
                <td className={cell}>
                  {percent(row.good_share)} <span className="text-xs text-zinc-500">({row.good})</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ChartCard>
  );
}
