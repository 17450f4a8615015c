// Inter-annotator agreement: percent agreement and Cohen's kappa for a pair of people over the turns both
// labeled (docs/team.md "People"). Pure: a contingency table in, figures out. Hand-written because it is a
// few lines of arithmetic and no maintained npm package computes kappa from a contingency table.

/** How often person A said `a` while person B said `b` on the same turn: [a, b, count]. */
export type Contingency = readonly (readonly [string, string, number])[];

export interface PairAgreement {
  /** Turns both labeled. */
  turns: number;
  /** Turns where both gave the same verdict. */
  agreed: number;
  /** agreed / turns, as a percentage (0–100); null when they share no turn. */
  percent: number | null;
  /**
   * Cohen's kappa (po − pe) / (1 − pe); null when they share no turn, or when chance agreement pe is 1
   * (both gave one and the same verdict to every turn: kappa is 0/0 there, undefined rather than 1 or 0).
   */
  kappa: number | null;
}

export function pairAgreement(table: Contingency): PairAgreement {
  let turns = 0;
  let agreed = 0;
  const byA = new Map<string, number>();
  const byB = new Map<string, number>();
  for (const [a, b, count] of table) {
    turns += count;
    if (a === b) agreed += count;
    byA.set(a, (byA.get(a) ?? 0) + count);
    byB.set(b, (byB.get(b) ?? 0) + count);
  }
  if (turns === 0) return { turns, agreed, percent: null, kappa: null };
  const observed = agreed / turns;
  let expected = 0;
  for (const [category, countA] of byA) expected += (countA / turns) * ((byB.get(category) ?? 0) / turns);
  // Floating sums of products can land a hair off 1 when it is exactly 1 in arithmetic.
  const kappa = Math.abs(1 - expected) < 1e-12 ? null : (observed - expected) / (1 - expected);
  return { turns, agreed, percent: observed * 100, kappa };
}
