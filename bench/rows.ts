// One summary row: a target beside what a run measured, with the ratio and a verdict (helpers shared by the
// summary's sections).

export interface Row {
  what: string;
  target: string;
  measured: string;
  /** measured / target (for "at least" targets too, so > 1 is good there and bad for "at most"). */
  ratio: number | null;
  verdict: "pass" | "miss" | "na";
}

export const fmt = (value: number, unit = ""): string =>
  `${value.toLocaleString("en", { maximumFractionDigits: 2 })}${unit}`;

export function atMost(
  what: string,
  target: number,
  measured: number | null | undefined,
  unit: string,
  detail = "",
): Row {
  if (measured === null || measured === undefined)
    return { what, target: `≤ ${fmt(target, unit)}`, measured: "not measured", ratio: null, verdict: "na" };
  return {
    what,
    target: `≤ ${fmt(target, unit)}`,
    measured: `${fmt(measured, unit)}${detail}`,
    ratio: measured / target,
    verdict: measured <= target ? "pass" : "miss",
  };
}

export function atLeast(
  what: string,
  target: number,
  measured: number | null | undefined,
  unit: string,
  detail = "",
): Row {
  if (measured === null || measured === undefined)
    return { what, target: `≥ ${fmt(target, unit)}`, measured: "not measured", ratio: null, verdict: "na" };
  return {
    what,
    target: `≥ ${fmt(target, unit)}`,
    measured: `${fmt(measured, unit)}${detail}`,
    ratio: measured / target,
    verdict: measured >= target ? "pass" : "miss",
  };
}

/** A row without a target (what a figure means needs it beside the others). */
export const context = (what: string, measured: string): Row => ({
  what,
  target: "(context)",
  measured,
  ratio: null,
  verdict: "na",
});
