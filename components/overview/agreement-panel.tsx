// Agreement between annotators: per pair of people, the turns both labeled, percent agreement and Cohen's
// kappa (lib/labels/agreement.ts; "—" where kappa is undefined because chance agreement is 1).
import type { Overview } from "@/lib/overview/types";
import { ChartCard } from "./chart-card";

export function AgreementPanel({ overview }: { overview: Overview }) {
  const pairs = overview.agreement.pairs;
  const cell = "px-2 py-1 text-right tabular-nums";
  return (
    <ChartCard
      testId="agreement"
      title="Agreement between annotators"
      caption="per pair of people, over the turns both labeled"
      empty={pairs.length === 0 && "Needs two people who labeled the same turns in this range."}
    >
      <table className="w-full text-sm">
        <thead className="text-xs text-zinc-600 dark:text-zinc-400">
          <tr className="border-b border-zinc-200 dark:border-zinc-800">
            <th className="px-2 py-1 text-left font-medium">People</th>
            <th className={`${cell} font-medium`}>Turns both labeled</th>
            <th className={`${cell} font-medium`}>Agreement</th>
            <th className={`${cell} font-medium`} title="Cohen's kappa: 1 full agreement, 0 as by chance">
              Cohen&apos;s κ
            </th>
          </tr>
        </thead>
        <tbody>
          {pairs.map((pair) => (
            <tr key={`${pair.a}\u0000${pair.b}`} data-testid="agreement-row">
              <td className="px-2 py-1">
                {pair.a} · {pair.b}
              </td>
              <td className={cell}>{pair.turns}</td>
              <td className={cell}>{pair.percent_agreement === null ? "—" : `${pair.percent_agreement}%`}</td>
              <td
                className={cell}
                title={pair.kappa === null ? "undefined: chance agreement is 1" : undefined}
              >
                {pair.kappa === null ? "—" : pair.kappa.toFixed(2)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ChartCard>
  );
}
