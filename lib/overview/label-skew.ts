// Which tools, models and clients show up more among bad turns than among good ones: for each value, its
// share of bad turns against its share of good turns. Only meaningful with both kinds of label in scope.
import type { LabelSplitRow } from "@/db/queries/overview-labels";
import type { OverRepresented } from "./types";

/** Rows shown per dimension, strongest first. */
export const MAX_PER_DIMENSION = 8;

export function toOverRepresented(rows: LabelSplitRow[]): OverRepresented[] {
  // Every labeled turn has exactly one client, so the client rows sum to the labeled-turn totals.
  const clientRows = rows.filter((row) => row.dimension === "client");
  const totalBad = clientRows.reduce((sum, row) => sum + row.bad, 0);
  const totalGood = clientRows.reduce((sum, row) => sum + row.good, 0);
  if (totalBad === 0 || totalGood === 0) return [];
  const shares = rows
    .map((row) => ({ ...row, bad_share: row.bad / totalBad, good_share: row.good / totalGood }))
    .filter((row) => row.bad_share > row.good_share)
    .sort((a, b) => b.bad_share - b.good_share - (a.bad_share - a.good_share) || b.bad - a.bad);
  const kept: OverRepresented[] = [];
  const perDimension = new Map<string, number>();
  for (const row of shares) {
    const count = perDimension.get(row.dimension) ?? 0;
    if (count >= MAX_PER_DIMENSION) continue;
    perDimension.set(row.dimension, count + 1);
    kept.push(row);
  }
  return kept;
}
