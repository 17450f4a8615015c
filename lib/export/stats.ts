// What an export wrote, counted as it streams: rows by label (or pair source), reason, client and model,
// plus the JSONL's sha256 and size. The card and the manifest are written from it.
import { createHash } from "node:crypto";

/** The facts of one written row that the counts are made of. */
export interface RowFacts {
  /** good | bad | unlabeled for per-turn rows; the pair source for `dpo`. */
  label: string;
  reasons: string[];
  client: string;
  model: string | null;
}

export interface ExportCounts {
  by_label: Record<string, number>;
  by_reason: Record<string, number>;
  by_client: Record<string, number>;
  by_model: Record<string, number>;
}

export interface ExportReport {
  lines: number;
  /** Matching turns the format cannot represent (no prompt; for `preference` and `eval` also unlabeled). */
  skipped: number;
  redactions: number;
  redactionsByKind: Record<string, number>;
  counts: ExportCounts;
  bytes: number;
  /** Hex sha256 of the JSONL exactly as written; final after the lines are exhausted. */
  sha256: string;
}

const bump = (counts: Record<string, number>, key: string): void => {
  counts[key] = (counts[key] ?? 0) + 1;
};

export function createExportTally() {
  const hash = createHash("sha256");
  const report: ExportReport = {
    lines: 0,
    skipped: 0,
    redactions: 0,
    redactionsByKind: {},
    counts: { by_label: {}, by_reason: {}, by_client: {}, by_model: {} },
    bytes: 0,
    sha256: "",
  };
  return {
    report,
    /** Counts one written line; returns it unchanged. */
    written(line: string, facts: RowFacts): string {
      report.lines++;
      report.bytes += Buffer.byteLength(line);
      hash.update(line);
      bump(report.counts.by_label, facts.label);
      for (const reason of new Set(facts.reasons)) bump(report.counts.by_reason, reason);
      bump(report.counts.by_client, facts.client);
      bump(report.counts.by_model, facts.model ?? "(unknown)");
      return line;
    },
    finish(redactions: number, byKind: Record<string, number>): void {
      report.redactions = redactions;
      report.redactionsByKind = byKind;
      report.sha256 = hash.digest("hex");
    },
  };
}
