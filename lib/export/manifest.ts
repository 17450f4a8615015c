// `<name>.manifest.json`: what a written export holds and how it was made (filters, counts, sha256 of the
// JSONL), so a dataset can be checked and reproduced (docs/export-format.md "Card and manifest").
import type { ExportQueryOutput } from "./options";
import type { ExportReport } from "./stats";
import { TRACEMARK_VERSION } from "@/lib/version";

export const MANIFEST_SCHEMA = "tracemark.manifest.v1";

export interface ExportManifest {
  schema: typeof MANIFEST_SCHEMA;
  tracemark_version: string;
  created_at: string;
  format: string;
  files: { data: string; card: string };
  sha256: string;
  bytes: number;
  rows: number;
  skipped: number;
  /** Every export option as given (defaults filled in), enough to run the same export again. */
  filters: Record<string, unknown>;
  counts: ExportReport["counts"];
  redactions: { enabled: boolean; total: number; by_kind: Record<string, number> };
}

/** The options as plain JSON (times back to ISO 8601). */
export function describeQuery(query: ExportQueryOutput): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    out[key] =
      (key === "since" || key === "until") && typeof value === "number"
        ? new Date(value).toISOString()
        : value;
  }
  return out;
}

export function buildManifest(options: {
  name: string;
  query: ExportQueryOutput;
  report: ExportReport;
  createdAt: Date;
}): ExportManifest {
  const { name, query, report } = options;
  return {
    schema: MANIFEST_SCHEMA,
    tracemark_version: TRACEMARK_VERSION,
    created_at: options.createdAt.toISOString(),
    format: query.format,
    files: { data: `${name}.jsonl`, card: `${name}.card.md` },
    sha256: report.sha256,
    bytes: report.bytes,
    rows: report.lines,
    skipped: report.skipped,
    filters: describeQuery(query),
    counts: report.counts,
    redactions: { enabled: query.redact, total: report.redactions, by_kind: report.redactionsByKind },
  };
}
