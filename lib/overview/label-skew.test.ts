import { expect, test } from "vitest";
import type { LabelSplitRow } from "@/db/queries/overview-labels";
import { toOverRepresented } from "./label-skew";

const row = (
  dimension: LabelSplitRow["dimension"],
  value: string,
  bad: number,
  good: number,
): LabelSplitRow => ({ dimension, value, bad, good });

test("shares are of all bad and all good turns; only values more frequent in bad turns are kept, strongest first", () => {
  const rows = [
    row("client", "codex", 2, 8),
    row("client", "claude-code", 8, 2),
    row("tool", "Bash", 6, 1), // 60% of bad, 10% of good
    row("tool", "Read", 5, 5), // 50% vs 50%: not over-represented
    row("model", "gpt-5.5", 2, 8),
  ];
  expect(toOverRepresented(rows)).toEqual([
    { dimension: "client", value: "claude-code", bad: 8, good: 2, bad_share: 0.8, good_share: 0.2 },
    { dimension: "tool", value: "Bash", bad: 6, good: 1, bad_share: 0.6, good_share: 0.1 },
  ]);
});

test("without both good and bad labels there is nothing to compare", () => {
  expect(toOverRepresented([row("client", "codex", 3, 0), row("tool", "Bash", 3, 0)])).toEqual([]);
  expect(toOverRepresented([])).toEqual([]);
});
