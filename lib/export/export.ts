// Streams a labeled dataset: matching turns → one JSON line each, secrets redacted on the way (on by
// default). Constant memory: rows are iterated from SQLite and lines are produced one at a time.
import type { Db } from "@/db/client";
import { countExportRows, iterateExportRows, type ExportFilter } from "@/db/queries/labels";
import { createRedactionCounter } from "@/lib/redact/redact";
import { formatTurn, toTurnLine, type ExportFormat, type Scrub } from "./formats";

export interface ExportOptions {
  filter: ExportFilter;
  format: ExportFormat;
  redact: boolean;
  /** Add each turn's `suggested_labels` (turns and messages formats). */
  suggested?: boolean;
}

export interface ExportReport {
  lines: number;
  /** Matching turns the format cannot represent (no prompt; for `preference` also unlabeled or empty). */
  skipped: number;
  redactions: number;
  redactionsByKind: Record<string, number>;
}

export interface ExportStream {
  lines: Generator<string>;
  /** Final after `lines` is exhausted. */
  report: ExportReport;
}

export function exportDataset(db: Db, options: ExportOptions): ExportStream {
  const counter = createRedactionCounter();
  const scrub: Scrub = options.redact ? (text) => counter.redact(text) : (text) => text;
  const report: ExportReport = { lines: 0, skipped: 0, redactions: 0, redactionsByKind: {} };
  function* lines(): Generator<string> {
    for (const row of iterateExportRows({ db, filter: options.filter })) {
      const formatted = formatTurn(options.format, toTurnLine(row, scrub, options.suggested ?? false));
      if (formatted === null) {
        report.skipped++;
        continue;
      }
      report.lines++;
      yield JSON.stringify(formatted) + "\n";
    }
    report.redactions = counter.total();
    report.redactionsByKind = counter.byKind();
  }
  return { lines: lines(), report };
}

export function countExport(db: Db, filter: ExportFilter): number {
  return countExportRows({ db, filter });
}
