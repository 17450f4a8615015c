// The export's reads beyond one row per turn (export-rows.ts iterateExportRows): labeled turns that
// share a prompt (for `dpo` pairs) and a turn's own span (for `eval` records).
import { fragmentsOf } from "../dialect";
import type { Store } from "../store";
import { andWhere, keyColumns, pageRows, withTurnData } from "./export-pages";
import {
  EXPORT_LABEL_COLUMNS,
  exportFrom,
  exportWhere,
  type ExportFilter,
  type ExportRow,
} from "./export-rows";

export type PromptGroupRow = ExportRow & { promptKey: string };

/**
 * Labeled turns among those matching `filter` whose prompt text was also answered by a turn with the other
 * label, ordered by prompt then time: each prompt's turns arrive together, so a caller holds one group at a time.
 */
export function iteratePromptGroupRows({
  store,
  filter,
  pageSize,
}: {
  store: Store;
  filter: ExportFilter;
  /** Rows per statement (export-pages.ts PAGE_ROWS unless given). */
  pageSize?: number;
}): AsyncGenerator<PromptGroupRow> {
  const sql = fragmentsOf(store.dialect);
  // The prompt text two turns must share to be paired: the logged prompt with outer whitespace trimmed.
  const promptKey = sql.bytewise(`trim(${sql.jsonText("t.data", "prompt")})`);
  const { where, params } = exportWhere({ ...filter, label: "labeled" }, store.dialect);
  // the author breaks ties: with every person's labels a turn comes once per author
  const order = [promptKey, "coalesce(t.started_at, -1)", "t.id", "coalesce(l.labeled_by, '')"];
  const pages = pageRows<Omit<PromptGroupRow, "data">>({
    store,
    pageSize,
    order,
    params,
    select: (after) =>
      `WITH matching AS (SELECT t.id, ${promptKey} AS pk, l.label ${exportFrom(filter)} ${where} AND ${promptKey} <> ''),
         paired AS (SELECT pk FROM matching GROUP BY pk HAVING count(DISTINCT label) = 2)
       SELECT t.id AS turnId, s.id AS sessionId, s.client, s.client_version AS clientVersion,
         ${EXPORT_LABEL_COLUMNS}, ${promptKey} AS promptKey, ${keyColumns(order)}
       ${exportFrom(filter)}
       ${andWhere("WHERE t.id IN (SELECT matching.id FROM matching JOIN paired USING (pk))", after)}`,
  });
  return withTurnData(store, pages);
}

/**
 * The span that stands for a turn among its span records: a root span if it has one, else its earliest
 * span. Undefined when the client sent no traces for the turn.
 */
export async function getTurnSpanByRecordIds({
  store,
  recordIds,
}: {
  store: Store;
  recordIds: number[];
}): Promise<{ traceId: string; spanId: string } | undefined> {
  if (recordIds.length === 0) return undefined;
  const sql = fragmentsOf(store.dialect);
  return store.get<{ traceId: string; spanId: string }>(
    `SELECT trace_id AS traceId, span_id AS spanId FROM spans
     WHERE id IN (${sql.jsonIntegers("@ids")}) AND trace_id IS NOT NULL AND span_id IS NOT NULL
     ORDER BY coalesce(parent_span_id, '') <> '', length(time_ns), time_ns, id LIMIT 1`,
    { ids: JSON.stringify(recordIds) },
  );
}
