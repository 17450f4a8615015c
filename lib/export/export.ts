// Streams a labeled dataset: matching turns → one JSON line each (one per pair for `dpo`), secrets redacted
// on the way (on by default). Constant memory for the per-turn formats: rows are iterated from SQLite and
// lines produced one at a time; `dpo` holds one prompt's turns and the hashes of the rows it wrote.
import type { Db } from "@/db/client";
import { getTurnSpanByRecordIds, iteratePromptGroupRows } from "@/db/queries/export";
import { countExportRows, iterateExportRows, type ExportFilter } from "@/db/queries/export-rows";
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
  lines: Generator<string>;
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
function* turnRows(
  db: Db,
  format: TurnFormat | "eval",
  options: ExportOptions,
  scrub: Scrub,
  onSkip: () => void,
): Generator<Written> {
  for (const exportRow of iterateExportRows({ db, filter: options.filter })) {
    const turn = JSON.parse(exportRow.data) as TurnData;
    const line = toTurnLine(exportRow, turn, scrub, options.row.suggested);
    const row =
      format === "eval"
        ? toEvalRequest(line, getTurnSpanByRecordIds({ db, recordIds: turn.record_ids.traces }))
        : formatTurn(format, line, options.row);
    if (row === null) onSkip();
    else yield { row, facts: turnFacts(line) };
  }
}

function* pairRows(db: Db, filter: ExportFilter, scrub: Scrub): Generator<Written> {
  const corrected = iterateExportRows({ db, filter: { ...filter, hasCorrection: true } });
  for (const row of dpoRows({ corrected, promptGroups: iteratePromptGroupRows({ db, filter }), scrub })) {
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

export function exportDataset(db: Db, options: ExportOptions): ExportStream {
  const counter = createRedactionCounter();
  const scrub: Scrub = options.redact ? (text) => counter.redact(text) : (text) => text;
  const tally = createExportTally();
  function* lines(): Generator<string> {
    const rows =
      options.format === "dpo"
        ? pairRows(db, options.filter, scrub)
        : turnRows(db, options.format, options, scrub, () => tally.report.skipped++);
    for (const { row, facts } of rows) yield tally.written(JSON.stringify(row) + "\n", facts);
    tally.finish(counter.total(), counter.byKind());
  }
  return { lines: lines(), report: tally.report };
}

export function countExport(db: Db, filter: ExportFilter): number {
  return countExportRows({ db, filter });
}
