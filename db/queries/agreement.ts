// The Overview's agreement panel: per pair of people, how often each pair of verdicts was given to the same
// turn, over the turns in scope both labeled (lib/labels/agreement.ts turns it into percent and kappa).
import type { Store } from "../store";
import { scopeFilterSql, type SessionFilter } from "./session-filter";

export interface AgreementCellRow {
  personA: string;
  personB: string;
  labelA: string;
  labelB: string;
  turns: number;
}

/** Each unordered pair once (A sorts before B), every cell of its contingency table that is not empty. */
export function listAgreementCells({
  store,
  filter,
}: {
  store: Store;
  filter: Pick<SessionFilter, "client" | "since" | "until">;
}): Promise<AgreementCellRow[]> {
  const { where, params } = scopeFilterSql(filter);
  return store.all<AgreementCellRow>(
    `SELECT a.labeled_by AS personA, b.labeled_by AS personB, a.label AS labelA, b.label AS labelB,
         count(*) AS turns
       FROM labels a JOIN labels b ON b.target_type = 'turn' AND b.target_id = a.target_id
         AND a.labeled_by < b.labeled_by AND b.label IS NOT NULL
       JOIN turns t ON t.id = a.target_id JOIN sessions s ON s.id = t.session_id
       ${where ? `${where} AND` : "WHERE"} a.target_type = 'turn' AND a.label IS NOT NULL
       GROUP BY a.labeled_by, b.labeled_by, a.label, b.label
       ORDER BY a.labeled_by, b.labeled_by, a.label, b.label`,
    params,
  );
}
