// The Overview's agreement panel: the contingency cells per pair of people → percent agreement and kappa.
import { listAgreementCells } from "@/db/queries/agreement";
import type { OverviewScope } from "@/db/queries/overview";
import type { Store } from "@/db/store";
import { pairAgreement } from "@/lib/labels/agreement";
import type { AgreementPair } from "./types";

const round = (value: number | null, digits: number): number | null =>
  value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits;

export async function readAgreement(store: Store, filter: OverviewScope["filter"]): Promise<AgreementPair[]> {
  const { viewer: _viewer, ...scope } = filter; // every person's labels, not only the viewer's
  const tables = new Map<string, { a: string; b: string; cells: [string, string, number][] }>();
  for (const cell of await listAgreementCells({ store, filter: scope })) {
    const key = `${cell.personA}\u0000${cell.personB}`;
    const entry = tables.get(key) ?? { a: cell.personA, b: cell.personB, cells: [] };
    entry.cells.push([cell.labelA, cell.labelB, cell.turns]);
    tables.set(key, entry);
  }
  return [...tables.values()].map(({ a, b, cells }) => {
    const figures = pairAgreement(cells);
    return {
      a,
      b,
      turns: figures.turns,
      agreed: figures.agreed,
      percent_agreement: round(figures.percent, 1),
      kappa: round(figures.kappa, 3),
    };
  });
}
