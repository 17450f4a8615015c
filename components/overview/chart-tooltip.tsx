"use client";
// The charts' tooltip, styled for both themes (recharts' default is a white box with inline colors).
import type { TooltipContentProps } from "recharts";

interface Props extends Partial<TooltipContentProps<number, string>> {
  format: (value: number) => string;
  /** Shown under the values: what a click on the bar opens. */
  hint?: string;
  /** The tooltip's heading from the row's label (the raw label when absent). */
  headingOf?: (label: string) => string;
}

export function ChartTooltip({ active, payload, label, format, hint, headingOf }: Props) {
  if (!active || !payload || payload.length === 0) return null;
  const rows = payload.filter((entry) => typeof entry.value === "number" && entry.value !== 0);
  return (
    <div className="rounded border border-zinc-200 bg-white px-2 py-1.5 text-xs shadow-md dark:border-zinc-700 dark:bg-zinc-900">
      <p className="mb-1 font-medium">{headingOf && typeof label === "string" ? headingOf(label) : label}</p>
      {rows.length === 0 && <p className="text-zinc-600 dark:text-zinc-400">nothing</p>}
      <ul>
        {rows.map((entry) => (
          <li key={String(entry.dataKey)} className="flex items-center gap-2">
            <span
              aria-hidden="true"
              className="inline-block size-2 rounded-sm"
              style={{ background: entry.color }}
            />
            <span className="text-zinc-700 dark:text-zinc-300">{entry.name}</span>
            <span className="ml-auto pl-3 tabular-nums">{format(entry.value as number)}</span>
          </li>
        ))}
      </ul>
      {hint && <p className="mt-1 text-zinc-500 dark:text-zinc-400">{hint}</p>}
    </div>
  );
}
