import { expect, test } from "vitest";
import type { Overview, OverviewDay } from "@/lib/overview/types";
import {
  modelDayRows,
  modelSeries,
  modelsInRange,
  sessionValues,
  statusDayRows,
  statusSeries,
  usageValues,
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
