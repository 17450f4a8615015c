import { expect, test } from "vitest";
import type { Overview, OverviewDay } from "@/lib/overview/types";
import {
  modelDayRows,
  modelSeries,
  modelsInRange,
  MAX_DAILY_BARS,
  periodOf,
  rowsPer,
  sessionValues,
  statusDayRows,
  statusSeries,
  usageValues,
  weekOf,
  type DayRow,
} from "./series";

const usage = (model: string | null, turns: number) => ({
  model,
  turns,
  input_tokens: turns * 10,
  output_tokens: 0,
  cached_input_tokens: 0,
  reasoning_tokens: 0,
  cost_usd: null,
});
const day = (name: string, patch: Partial<OverviewDay>): OverviewDay => ({
  day: name,
  since: `${name}T00:00:00.000Z`,
  until: "x",
  sessions: 0,
  sessions_by_model: [],
  models: [],
  api_errors: [],
  labels: { good: 0, bad: 0, unlabeled: 0 },
  ...patch,
});

test("series keys never contain the model name (dots would be read as paths); past seven models the rest is 'other'", () => {
  const models = ["gpt-5.5", "a", "b", "c", "d", "e", "f", "g", null];
  const series = modelSeries(models);
  expect(series.map((s) => s.key)).toEqual(["s0", "s1", "s2", "s3", "s4", "s5", "other"]);
  expect(series[0]).toMatchObject({ label: "gpt-5.5", model: "gpt-5.5" });
  expect(series.at(-1)).toMatchObject({ label: "3 other models" });
  expect(series.at(-1)?.model).toBeUndefined(); // several models: its link has no model filter
  expect(modelSeries(["x", null]).map((s) => s.label)).toEqual(["x", "(unknown model)"]);
});

test("day rows sum each model into its series and every series has a value on every day", () => {
  const days = [
    day("2026-11-20", {}),
    day("2026-11-21", {
      models: [usage("gpt-5.5", 2), usage("claude", 3)],
      sessions_by_model: [{ model: "gpt-5.5", sessions: 1 }],
    }),
  ];
  const overview = { models: [usage("claude", 3), usage("gpt-5.5", 2)], days } as unknown as Overview;
  const series = modelSeries(modelsInRange(overview));
  expect(
    modelDayRows(
      days,
      series,
      usageValues((u) => u.input_tokens),
    ),
  ).toEqual([
    { day: "2026-11-20", since: "2026-11-20T00:00:00.000Z", until: "x", s0: 0, s1: 0 },
    { day: "2026-11-21", since: "2026-11-21T00:00:00.000Z", until: "x", s0: 30, s1: 20 },
  ]);
  expect(modelDayRows(days, series, sessionValues).map((row) => row.s1)).toEqual([0, 1]);
});

test("API error statuses are series in status order, 'no status' last", () => {
  const days = [
    day("d1", {
      api_errors: [
        { status: 500, errors: 2 },
        { status: null, errors: 3 },
      ],
    }),
    day("d2", { api_errors: [{ status: 429, errors: 1 }] }),
  ];
  const series = statusSeries(days);
  expect(series.map((s) => s.label)).toEqual(["429", "500", "no status"]);
  expect(statusDayRows(days, series).map(({ s0, s1, s2 }) => [s0, s1, s2])).toEqual([
    [0, 2, 3],
    [1, 0, 0],
  ]);
});

test("weeks start on Monday, whatever the day", () => {
  expect(weekOf("2026-11-16")).toBe("2026-11-16"); // a Monday
  expect(weekOf("2026-11-22")).toBe("2026-11-16"); // the Sunday after it
  expect(weekOf("2026-11-23")).toBe("2026-11-23");
  expect(weekOf("2027-01-01")).toBe("2026-12-28"); // across a year
});

test("past MAX_DAILY_BARS days a bar is a week: the same sums, a link spanning its days", () => {
  const series = [
    { key: "s0", label: "a", color: "x" },
    { key: "s1", label: "b", color: "y" },
  ];
  const start = Date.UTC(2026, 0, 1); // a Thursday
  const rows: DayRow[] = Array.from({ length: 200 }, (_, i) => {
    const day = new Date(start + i * 86_400_000).toISOString().slice(0, 10);
    return {
      day,
      since: `${day}T05:00:00.000Z`,
      until: `${new Date(start + (i + 1) * 86_400_000).toISOString().slice(0, 10)}T05:00:00.000Z`,
      s0: i,
      s1: i % 3,
    };
  });
  expect(periodOf(rows.slice(0, MAX_DAILY_BARS))).toBe("day");
  expect(periodOf(rows)).toBe("week");
  expect(rowsPer("day", rows, series)).toBe(rows);
  const weeks = rowsPer("week", rows, series);
  expect(weeks.map((week) => week.day).slice(0, 3)).toEqual(["2025-12-29", "2026-01-05", "2026-01-12"]);
  // the first week has the range's first 4 days (Thu–Sun), each later one 7 until the last
  expect(weeks[0]).toEqual({
    day: "2025-12-29",
    since: "2026-01-01T05:00:00.000Z",
    until: "2026-01-05T05:00:00.000Z",
    s0: 0 + 1 + 2 + 3,
    s1: 0 + 1 + 2 + 0,
  });
  expect(weeks[1]!.since).toBe(weeks[0]!.until); // no gap, no overlap
  const sum = (list: DayRow[], key: string): number => list.reduce((n, row) => n + (row[key] as number), 0);
  for (const key of ["s0", "s1"]) expect(sum(weeks, key)).toBe(sum(rows, key));
  expect(weeks.at(-1)!.until).toBe(rows.at(-1)!.until);
  expect(weeks).toHaveLength(1 + Math.ceil((200 - 4) / 7));
});
