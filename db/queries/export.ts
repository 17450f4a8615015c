// The export's reads beyond one row per turn (export-rows.ts iterateExportRows): labeled turns that
// share a prompt (for `dpo` pairs) and a turn's own span (for `eval` records).
import type { Db } from "../client";
import {
  EXPORT_LABEL_COLUMNS,
  exportFrom,
  exportWhere,
  type ExportFilter,
  type ExportRow,
} from "./export-rows";

export type PromptGroupRow = ExportRow & { promptKey: string };

/** The prompt text two turns must share to be paired: the logged prompt with outer whitespace trimmed. */
const PROMPT_KEY = "trim(json_extract(t.data, '$.prompt'))";

/**
 * Labeled turns among those matching `filter` whose prompt text was also answered by a turn with the other
 * label, ordered by prompt then time: each prompt's turns arrive together, so a caller holds one group at a time.
 */
export function iteratePromptGroupRows({
  db,
  filter,
}: {
  db: Db;
  filter: ExportFilter;
}): IterableIterator<PromptGroupRow> {
  const { where, params } = exportWhere({ ...filter, label: "labeled" });
  return db.$client
    .prepare(
      `WITH matching AS (SELECT t.id, ${PROMPT_KEY} AS pk, l.label ${exportFrom(filter)} ${where} AND ${PROMPT_KEY} <> ''),
         paired AS (SELECT pk FROM matching GROUP BY pk HAVING count(DISTINCT label) = 2)
       SELECT t.id AS turnId, s.id AS sessionId, s.client, s.client_version AS clientVersion, t.data,
         ${EXPORT_LABEL_COLUMNS}, ${PROMPT_KEY} AS promptKey
       ${exportFrom(filter)}
       WHERE t.id IN (SELECT matching.id FROM matching JOIN paired USING (pk))
       ORDER BY promptKey, t.started_at, t.id`,
    )
    .iterate(params) as IterableIterator<PromptGroupRow>;
}

/**
 * The span that stands for a turn among its span records: a root span if it has one, else its earliest
 * span. Undefined when the client sent no traces for the turn.
 */
export function getTurnSpanByRecordIds({
  db,
  recordIds,
}: {
  db: Db;
  recordIds: number[];
}): { traceId: string; spanId: string } | undefined {
  if (recordIds.length === 0) return undefined;
  return db.$client
    .prepare(
      `SELECT trace_id AS traceId, span_id AS spanId FROM spans
       WHERE id IN (SELECT value FROM json_each(?)) AND trace_id IS NOT NULL AND span_id IS NOT NULL
       ORDER BY coalesce(parent_span_id, '') <> '', length(time_ns), time_ns LIMIT 1`,
    )
    .get(JSON.stringify(recordIds)) as { traceId: string; spanId: string } | undefined;
}
