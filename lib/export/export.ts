// Streams a labeled dataset: matching turns → one JSON line each (one per pair for `dpo`), secrets redacted
// on the way (on by default). Constant memory for the per-turn formats: rows are read a page at a time from
// the Store and lines produced one at a time; `dpo` holds one prompt's turns and the hashes of the rows it wrote.
import { getTurnSpanByRecordIds, iteratePromptGroupRows } from "@/db/queries/export";
import { countExportRows, iterateExportRows, type ExportFilter } from "@/db/queries/export-rows";
import type { Store } from "@/db/store";
import { createRedactionCounter } from "@/lib/redact/redact";
import type { TurnData } from "@/lib/sessions/types";
import { dpoRows } from "./dpo";
import { toEvalRequest } from "./eval";
import {
  formatTurn,
  toTurnLine,
  type ExportFormat,
  type RowOptions,
  type Scrub,
  type TurnFormat,
  type TurnLine,
} from "./formats";
import { createExportTally, type ExportReport, type RowFacts } from "./stats";

export type { ExportReport };

export interface ExportOptions {
  filter: ExportFilter;
  format: ExportFormat;
  redact: boolean;
  row: RowOptions;
}

export interface ExportStream {
  lines: AsyncGenerator<string>;
  /** Final after `lines` is exhausted. */
  report: ExportReport;
}

interface Written {
  row: object;
  facts: RowFacts;
}

const turnFacts = (line: TurnLine): RowFacts => ({
  label: line.label ?? "unlabeled",
  reasons: line.reasons,
  client: line.client,
  model: line.model,
});

/** The rows of a per-turn format; `onSkip` hears of each matching turn the format cannot represent. */
async function* turnRows(
  store: Store,
  format: TurnFormat | "eval",
  options: ExportOptions,
  scrub: Scrub,
  onSkip: () => void,
): AsyncGenerator<Written> {
  for await (const exportRow of iterateExportRows({ store, filter: options.filter })) {
    const turn = JSON.parse(exportRow.data) as TurnData;
    const line = toTurnLine(exportRow, turn, scrub, options.row.suggested);
    const row =
      format === "eval"
        ? toEvalRequest(line, await getTurnSpanByRecordIds({ store, recordIds: turn.record_ids.traces }))
        : formatTurn(format, line, options.row);
    if (row === null) onSkip();
    else yield { row, facts: turnFacts(line) };
  }
}

async function* pairRows(store: Store, filter: ExportFilter, scrub: Scrub): AsyncGenerator<Written> {
  const corrected = iterateExportRows({ store, filter: { ...filter, hasCorrection: true } });
  const promptGroups = iteratePromptGroupRows({ store, filter });
  for await (const row of dpoRows({ corrected, promptGroups, scrub })) {
    const { chosen, rejected, source } = row.metadata;
    yield {
      row,
      facts: {
        label: source,
        reasons: [...rejected.reasons, ...chosen.reasons],
        client: chosen.client,
        model: chosen.model,
      },
    };
  }
}

export function exportDataset(store: Store, options: ExportOptions): ExportStream {
  const counter = createRedactionCounter();
  const scrub: Scrub = options.redact ? (text) => counter.redact(text) : (text) => text;
  const tally = createExportTally();
  async function* lines(): AsyncGenerator<string> {
    const rows =
      options.format === "dpo"
        ? pairRows(store, options.filter, scrub)
        : turnRows(store, options.format, options, scrub, () => tally.report.skipped++);
    for await (const { row, facts } of rows) yield tally.written(JSON.stringify(row) + "\n", facts);
    tally.finish(counter.total(), counter.byKind());
  }
  return { lines: lines(), report: tally.report };
}

export function countExport(store: Store, filter: ExportFilter): Promise<number> {
  return countExportRows({ store, filter });
}
