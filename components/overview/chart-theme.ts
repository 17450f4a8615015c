// Chart colors for both themes. Recharts draws SVG with presentation attributes, which accept CSS variables,
// so each color is a variable whose light and dark values live here as Tailwind classes on the chart frame
// (the page follows prefers-color-scheme, like the rest of the app). Series colors are Tailwind's 600 shades
// on white and 400 shades on zinc-950: each keeps at least 3:1 contrast against its background.

export const CHART_COLOR_CLASSES = [
  "[--chart-axis:#52525b] dark:[--chart-axis:#a1a1aa]",
  "[--chart-grid:#e4e4e7] dark:[--chart-grid:#3f3f46]",
  "[--chart-cursor:#f4f4f5] dark:[--chart-cursor:#27272a]",
  "[--series-0:#2563eb] dark:[--series-0:#60a5fa]",
  "[--series-1:#d97706] dark:[--series-1:#fbbf24]",
  "[--series-2:#059669] dark:[--series-2:#34d399]",
  "[--series-3:#7c3aed] dark:[--series-3:#a78bfa]",
  "[--series-4:#db2777] dark:[--series-4:#f472b6]",
  "[--series-5:#0891b2] dark:[--series-5:#22d3ee]",
  "[--series-6:#65a30d] dark:[--series-6:#a3e635]",
  "[--series-other:#71717a] dark:[--series-other:#a1a1aa]",
  "[--good:#059669] dark:[--good:#34d399]",
  "[--bad:#e11d48] dark:[--bad:#fb7185]",
  "[--neutral:#71717a] dark:[--neutral:#71717a]",
].join(" ");

/** Named series get these in order; past them, the rest is summed into "other". */
export const SERIES_COLORS = [0, 1, 2, 3, 4, 5, 6].map((i) => `var(--series-${i})`);
export const OTHER_COLOR = "var(--series-other)";
export const GOOD_COLOR = "var(--good)";
export const BAD_COLOR = "var(--bad)";
export const NEUTRAL_COLOR = "var(--neutral)";

export const AXIS_PROPS = {
  stroke: "var(--chart-grid)",
  tick: { fill: "var(--chart-axis)", fontSize: 11 },
  tickLine: false,
} as const;

export const GRID_PROPS = { stroke: "var(--chart-grid)", strokeDasharray: "3 3", vertical: false } as const;
export const CURSOR = { fill: "var(--chart-cursor)" } as const;

/** An axis title in the axis color, e.g. the unit. */
export function axisLabel(value: string, axis: "x" | "y") {
  return axis === "y"
    ? {
        value,
        angle: -90,
        position: "insideLeft" as const,
        fill: "var(--chart-axis)",
        fontSize: 11,
        style: { textAnchor: "middle" as const },
      }
    : { value, position: "insideBottom" as const, offset: -2, fill: "var(--chart-axis)", fontSize: 11 };
}
