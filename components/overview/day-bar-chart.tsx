"use client";
// A stacked bar per day, or per week past series.ts's MAX_DAILY_BARS days (recharts). A click on a segment
// hands its day (or week) and series to the caller, which opens the sessions behind it.
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_PROPS, CURSOR, GRID_PROPS, axisLabel } from "./chart-theme";
import { ChartTooltip } from "./chart-tooltip";
import { WhenNear } from "./when-near";
import type { DayRow, Period, Series } from "./series";

export const CHART_HEIGHT = 220;

let dayFormat: Intl.DateTimeFormat | null = null;
const dayNames = new Map<string, string>();

/** "2026-11-21" → "Nov 21" (the day is already the viewer's day: format it as UTC so it is not shifted).
 * recharts calls this for every tick on every render; `toLocaleDateString` builds a formatter per call (a fifth
 * of the Overview's script time in a profile), so one formatter and the names are kept. */
export function formatDay(day: string): string {
  let name = dayNames.get(day);
  if (name === undefined) {
    dayFormat ??= new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", timeZone: "UTC" });
    name = dayFormat.format(new Date(`${day}T00:00:00Z`));
    dayNames.set(day, name);
  }
  return name;
}

/** "week of 2026-11-16" for a week's row (named by its Monday); a day's row is its day, as before. */
const formatWeek = (day: string): string => `week of ${day}`;

interface Props<S extends Series> {
  /** Day rows, or week rows (series.ts rowsPer) when `period` is "week". */
  rows: DayRow[];
  period: Period;
  series: S[];
  unit: string;
  format: (value: number) => string;
  onBarClick: (row: DayRow, series: S) => void;
  hint: string;
  /** Whole numbers only on the value axis (counts); false for USD. */
  integers?: boolean;
}

/** Keeps a lone day (or a short range) from becoming one slab across the chart. */
const MAX_BAR_PX = 48;

export function DayBarChart<S extends Series>({
  rows,
  period,
  series,
  unit,
  format,
  onBarClick,
  hint,
  integers = true,
}: Props<S>) {
  return (
    <WhenNear height={CHART_HEIGHT}>
      <BarChart
        responsive
        data={rows}
        style={{ width: "100%", height: CHART_HEIGHT }}
        margin={{ top: 4, right: 8, bottom: 12, left: 8 }}
      >
        <CartesianGrid {...GRID_PROPS} />
        <XAxis
          dataKey="day"
          {...AXIS_PROPS}
          tickFormatter={formatDay}
          minTickGap={16}
          label={axisLabel(period, "x")}
        />
        <YAxis
          {...AXIS_PROPS}
          width={56}
          tickFormatter={format}
          allowDecimals={!integers}
          label={axisLabel(unit, "y")}
        />
        <Tooltip
          cursor={CURSOR}
          content={
            <ChartTooltip
              format={format}
              hint={hint}
              headingOf={period === "week" ? formatWeek : undefined}
            />
          }
        />
        <Legend wrapperStyle={{ fontSize: 11, paddingTop: 8 }} />
        {series.map((s) => (
          <Bar
            key={s.key}
            dataKey={s.key}
            name={s.label}
            stackId="day"
            maxBarSize={MAX_BAR_PX}
            fill={s.color}
            cursor="pointer"
            isAnimationActive={false}
            onClick={(item) => onBarClick(item.payload as DayRow, s)}
          />
        ))}
      </BarChart>
    </WhenNear>
  );
}
