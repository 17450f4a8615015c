// The range's totals (the same sums as the sessions list for this scope) and the per-model usage table.
import Link from "next/link";
import type { Overview } from "@/lib/overview/types";
import { formatCost, formatCount } from "../format";
import { sessionsHref } from "./overview-query";
import { modelLabel } from "./series";

const exact = (n: number): string => n.toLocaleString("en-US");

export function Totals({ overview }: { overview: Overview }) {
  const { totals, scope } = overview;
  const tiles = [
    { key: "sessions", label: "Sessions", value: totals.sessions, href: sessionsHref(scope) },
    { key: "turns", label: "Turns", value: totals.turns },
    { key: "tool_calls", label: "Tool calls", value: totals.tool_calls },
    {
      key: "tool_failures",
      label: "Tool failures",
      value: totals.tool_failures,
      href: sessionsHref(scope, { tool_failed: true }),
    },
    {
      key: "api_errors",
      label: "API errors",
      value: totals.api_errors,
      href: sessionsHref(scope, { has_errors: true }),
    },
    { key: "input_tokens", label: "Input tokens", value: totals.input_tokens },
    { key: "output_tokens", label: "Output tokens", value: totals.output_tokens },
    { key: "cached_input_tokens", label: "Cached tokens", value: totals.cached_input_tokens },
    { key: "reasoning_tokens", label: "Reasoning tokens", value: totals.reasoning_tokens },
  ];
  return (
    <section
      data-testid="overview-totals"
      aria-label="Totals"
      className="grid grid-cols-2 gap-2 sm:grid-cols-5"
    >
      {tiles.map((tile) => (
        <div
          key={tile.key}
          data-testid={`total-${tile.key}`}
          data-value={tile.value}
          className="rounded-lg border border-zinc-200 px-3 py-2 dark:border-zinc-800"
        >
          <p className="text-xs text-zinc-600 dark:text-zinc-400">{tile.label}</p>
          <p className="text-lg font-semibold tabular-nums" title={exact(tile.value)}>
            {tile.href ? (
              <Link prefetch={false} href={tile.href} className="hover:underline">
                {formatCount(tile.value)}
              </Link>
            ) : (
              formatCount(tile.value)
            )}
          </p>
        </div>
      ))}
      <div
        data-testid="total-cost_usd"
        data-value={totals.cost_usd ?? ""}
        className="rounded-lg border border-zinc-200 px-3 py-2 dark:border-zinc-800"
      >
        <p className="text-xs text-zinc-600 dark:text-zinc-400">Cost (USD)</p>
        <p className="text-lg font-semibold tabular-nums">{formatCost(totals.cost_usd) ?? "–"}</p>
      </div>
    </section>
  );
}

export function ModelTable({ overview }: { overview: Overview }) {
  const { models, scope } = overview;
  const cell = "px-2 py-1 text-right tabular-nums";
  return (
    <table data-testid="models-table" className="w-full text-sm">
      <thead className="text-xs text-zinc-600 dark:text-zinc-400">
        <tr className="border-b border-zinc-200 dark:border-zinc-800">
          <th className="px-2 py-1 text-left font-medium">Model (of the turn)</th>
          {["Turns", "Input tokens", "Output tokens", "Cached tokens", "Reasoning tokens", "Cost (USD)"].map(
            (title) => (
              <th key={title} className={`${cell} font-medium`}>
                {title}
              </th>
            ),
          )}
        </tr>
      </thead>
      <tbody>
        {models.map((usage) => (
          <tr
            key={usage.model ?? ""}
            data-testid="model-row"
            data-model={usage.model ?? ""}
            className="border-b border-zinc-100 dark:border-zinc-900"
          >
            <td className="px-2 py-1">
              {usage.model ? (
                <Link
                  prefetch={false}
                  href={sessionsHref(scope, { model: usage.model })}
                  className="text-blue-700 hover:underline dark:text-blue-400"
                >
                  {usage.model}
                </Link>
              ) : (
                modelLabel(null)
              )}
            </td>
            <td className={cell}>{exact(usage.turns)}</td>
            <td className={cell}>{exact(usage.input_tokens)}</td>
            <td className={cell}>{exact(usage.output_tokens)}</td>
            <td className={cell}>{exact(usage.cached_input_tokens)}</td>
            <td className={cell}>{exact(usage.reasoning_tokens)}</td>
            <td className={cell}>{formatCost(usage.cost_usd) ?? "–"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
