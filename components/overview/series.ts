// Overview days → rows a stacked recharts BarChart draws: one row per day, one numeric field per series
// (`s0`, `s1`, … so model names with dots are never read as paths). Pure, unit-tested.
import type { ModelUsage, Overview, OverviewDay } from "@/lib/overview/types";
import { OTHER_COLOR, SERIES_COLORS } from "./chart-theme";

export interface Series {
  key: string; // the row field
  label: string;
  color: string;
  /** The model behind the series (null: unknown model; undefined: the "other" bucket, several models). */
  model?: string | null;
}

export interface DayRow {
  day: string;
  since: string;
  until: string;
  [series: string]: number | string;
}

export const UNKNOWN_MODEL = "(unknown model)";
export const modelLabel = (model: string | null): string => model ?? UNKNOWN_MODEL;

/** Every model in the range: by turns (most first), then models only sessions name. */
export function modelsInRange(overview: Overview): (string | null)[] {
  const models = overview.models.map((usage) => usage.model);
  for (const day of overview.days) {
    for (const { model } of day.sessions_by_model) if (!models.includes(model)) models.push(model);
  }
  return models;
}

/** The models to draw, in the given order; past the palette the rest is one "other" series. */
export function modelSeries(models: (string | null)[]): Series[] {
  const named = models.slice(
    0,
    models.length > SERIES_COLORS.length ? SERIES_COLORS.length - 1 : SERIES_COLORS.length,
  );
  const series: Series[] = named.map((model, i) => ({
    key: `s${i}`,
    label: modelLabel(model),
    color: SERIES_COLORS[i]!,
    model,
  }));
  if (named.length < models.length)
    series.push({ key: "other", label: `${models.length - named.length} other models`, color: OTHER_COLOR });
  return series;
}

export interface ModelValue {
  model: string | null;
  value: number;
}

/** One row per day, each model's value added to its series ("other" for models without their own). */
export function modelDayRows(
  days: OverviewDay[],
  series: Series[],
  valuesOf: (day: OverviewDay) => ModelValue[],
): DayRow[] {
  const keyOf = new Map(series.filter((s) => s.model !== undefined).map((s) => [s.model, s.key]));
  return days.map((day) => {
    const row: DayRow = { day: day.day, since: day.since, until: day.until };
    for (const s of series) row[s.key] = 0;
    for (const { model, value } of valuesOf(day)) {
      const key = keyOf.get(model) ?? "other";
      row[key] = ((row[key] as number | undefined) ?? 0) + value;
    }
    return row;
  });
}

/** A usage figure per model of a day (turns, a token kind, cost). */
export const usageValues =
  (pick: (usage: ModelUsage) => number) =>
  (day: OverviewDay): ModelValue[] =>
    day.models.map((usage) => ({ model: usage.model, value: pick(usage) }));

export const sessionValues = (day: OverviewDay): ModelValue[] =>
  day.sessions_by_model.map((entry) => ({ model: entry.model, value: entry.sessions }));

/** The HTTP statuses seen in the range, as series (status NULL: "no status"). */
export function statusSeries(days: OverviewDay[]): (Series & { status: number | null })[] {
  const statuses = [...new Set(days.flatMap((day) => day.api_errors.map((error) => error.status)))].sort(
    (a, b) => (a ?? Infinity) - (b ?? Infinity),
  );
  return statuses.map((status, i) => ({
    key: `s${i}`,
    label: status === null ? "no status" : String(status),
    color: i < SERIES_COLORS.length ? SERIES_COLORS[i]! : OTHER_COLOR,
    status,
  }));
}

export function statusDayRows(days: OverviewDay[], series: (Series & { status: number | null })[]): DayRow[] {
  return days.map((day) => {
    const row: DayRow = { day: day.day, since: day.since, until: day.until };
    for (const s of series)
      row[s.key] = day.api_errors.find((error) => error.status === s.status)?.errors ?? 0;
    return row;
  });
}

/** Past this many days a bar stands for a week: a year of daily bars is ~7× the SVG nodes for no more insight
 * (a bar narrower than a couple of pixels), and the page drew them for seconds. */
export const MAX_DAILY_BARS = 92;

export type Period = "day" | "week";

export const periodOf = (days: readonly unknown[]): Period => (days.length > MAX_DAILY_BARS ? "week" : "day");

/** The Monday (UTC date arithmetic on the viewer's day, which is already local) of a "YYYY-MM-DD" day. */
export function weekOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}

/**
 * Day rows summed per week (Monday to Sunday) when `period` is "week", else the rows themselves. A week's row
 * is named by its Monday and spans its first day's `since` to its last day's `until`, so a click opens exactly
 * the sessions its bar counts; every series field is the sum of the days' values.
 */
export function rowsPer(period: Period, rows: DayRow[], series: readonly Series[]): DayRow[] {
  if (period === "day") return rows;
  const weeks: DayRow[] = [];
  for (const row of rows) {
    const week = weekOf(row.day);
    let current = weeks.at(-1);
    if (current?.day !== week) {
      current = { day: week, since: row.since, until: row.until };
      for (const s of series) current[s.key] = 0;
      weeks.push(current);
    }
    current.until = row.until;
    for (const s of series) current[s.key] = (current[s.key] as number) + ((row[s.key] as number) ?? 0);
  }
  return weeks;
}
