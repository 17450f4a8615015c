import { expect, test } from "vitest";
import { EMPTY_LABEL } from "./labels";
import { fromOutlineColumns, toOutlineColumns, type TurnOutline } from "./session-outline";

const turn = (at: number, patch: Partial<TurnOutline> = {}): TurnOutline => ({
  id: `turn-${at}`,
  index: at,
  started_at: new Date(Date.UTC(2026, 10, 21, 9, 0, at)).toISOString(),
  ended_at: null,
  model: at % 2 === 0 ? "claude-opus-5-5" : "gpt-5.5",
  prompt_preview: `prompt ${at}`,
  prompt_redacted: false,
  tool_calls: at,
  api_calls: 1,
  signals: [],
  label: EMPTY_LABEL,
  ...patch,
});

test("the columns read back into exactly the turns they were made from", () => {
  const turns = [
    turn(0),
    turn(1, { model: null, prompt_preview: null, prompt_redacted: true, started_at: null }),
    turn(2, { signals: ["tool_failed", "api_error"] }),
    turn(3, {
      label: { ...EMPTY_LABEL, label: "bad", note: "n", version: 2, labeled_at: "2026-11-21T09:00:00.000Z" },
    }),
    turn(4, { label: { ...EMPTY_LABEL, note: "only a note", version: 1 } }),
    turn(7, { index: 9, ended_at: "2026-11-21T09:01:00.123Z" }),
  ];
  expect(fromOutlineColumns(toOutlineColumns(turns))).toEqual(turns);
  expect(fromOutlineColumns(toOutlineColumns([]))).toEqual([]);
});

test("what most turns lack is left out: empty labels, no signals, not redacted; models are named once", () => {
  const columns = toOutlineColumns([
    turn(0),
    turn(1, { prompt_redacted: true }),
    turn(2, { signals: ["tool_failed"], label: { ...EMPTY_LABEL, label: "good", version: 1 } }),
  ]);
  expect(columns.models).toEqual(["claude-opus-5-5", "gpt-5.5"]);
  expect(columns.model).toEqual([0, 1, 0]);
  expect(columns.redacted).toEqual([1]);
  expect(Object.keys(columns.signals)).toEqual(["2"]);
  expect(Object.keys(columns.labels)).toEqual(["2"]);
  expect(columns.started_at.every((ms) => typeof ms === "number")).toBe(true);
});
