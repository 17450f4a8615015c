// `npm run export -- --label good --format turns [--client C] [--model M] [--since ISO] [--until ISO]
//   [--session ID]... [--reason ID] [--has-note] [--original] [--no-redact] [--annotator NAME|majority|any-bad|all]
//   [--out FILE] [--data-dir DIR]`: a
// labeled dataset as JSONL (stdout without --out; with --out also FILE's .card.md and .manifest.json,
// lib/export/bundle.ts).
import { once } from "node:events";
import { parseArgs } from "node:util";
import { openIndexStore } from "@/db/open-store";
import type { Store } from "@/db/store";
import { loadConfig } from "@/lib/config";
import { checkAnnotator } from "@/lib/export/annotator";
import { writeDatasetFiles } from "@/lib/export/bundle";
import { exportDataset, type ExportReport } from "@/lib/export/export";
import { exportQuery, toExportOptions, type ExportQueryOutput } from "@/lib/export/options";
import { EXPORT_FORMATS } from "@/lib/shared/export-formats";
import { DATA_DIR_OPTION, DATA_DIR_USAGE, dataDirFromArgs, refuseUnlessTracemarkDir } from "./data-dir";

const USAGE = `usage: npm run export -- --label <good|bad|labeled|all> --format <${EXPORT_FORMATS.join("|")}>
  [--client C] [--model M] [--since ISO] [--until ISO] [--session ID]... [--reason ID] [--has-note]
  [--original] [--no-redact] [--suggested include] [--annotator NAME|majority|any-bad|all] [--out FILE]
  ${DATA_DIR_USAGE}
  --annotator: whose labels (default: TRACEMARK_USER, else your OS account name; docs/export-format.md)`;

async function parseQuery(): Promise<
  { query: ExportQueryOutput; out: string | undefined; store: Store; close: () => Promise<void> } | undefined
> {
  const { values } = parseArgs({
    options: {
      label: { type: "string" },
      format: { type: "string" },
      client: { type: "string" },
      model: { type: "string" },
      since: { type: "string" },
      until: { type: "string" },
      session: { type: "string", multiple: true },
      reason: { type: "string" },
      "has-note": { type: "boolean" },
      original: { type: "boolean" },
      "no-redact": { type: "boolean" },
      suggested: { type: "string" },
      annotator: { type: "string" },
      out: { type: "string" },
      help: { type: "boolean", short: "h" },
      ...DATA_DIR_OPTION,
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return undefined;
  }
  const parsed = exportQuery.safeParse({
    label: values.label,
    format: values.format,
    client: values.client,
    model: values.model,
    since: values.since,
    until: values.until,
    session: values.session,
    reason: values.reason,
    has_note: values["has-note"],
    original: values.original,
    redact: !values["no-redact"],
    suggested: values.suggested,
    annotator: values.annotator,
  });
  if (!parsed.success) {
    console.error(
      parsed.error.issues.map((issue) => `--${issue.path.join(".")}: ${issue.message}`).join("\n"),
    );
    console.error(USAGE);
    process.exit(2);
  }
  const dataDir = dataDirFromArgs(values);
  const { databaseUrl, userName } = loadConfig({ dataDir });
  // team mode: the index is TRACEMARK_DATABASE_URL's, the data dir need not hold one
  if (!databaseUrl) refuseUnlessTracemarkDir(dataDir, "index");
  const { store, close } = await openIndexStore({ dataDir, databaseUrl });
  try {
    await checkAnnotator(store, parsed.data.annotator);
  } catch (error) {
    console.error(`tracemark: --${(error as Error).message}`);
    process.exit(2);
  }
  const annotator = parsed.data.annotator ?? userName;
  return { query: { ...parsed.data, annotator }, out: values.out, store, close };
}

async function toStdout(query: ExportQueryOutput, store: Store): Promise<ExportReport> {
  const { lines, report } = exportDataset(store, toExportOptions(query));
  for await (const line of lines) {
    if (!process.stdout.write(line)) await once(process.stdout, "drain");
  }
  return report;
}

function summary(query: ExportQueryOutput, report: ExportReport): string {
  const kinds = Object.entries(report.redactionsByKind)
    .map(([kind, n]) => `${kind} ${n}`)
    .join(", ");
  const unit = query.format === "dpo" ? "pairs" : "lines";
  const skipped =
    report.skipped > 0
      ? ` (${report.skipped} matching turns skipped: no prompt${query.format === "preference" || query.format === "eval" ? ", no label or no completion" : ""})`
      : "";
  return `tracemark: exported ${report.lines} ${query.format} ${unit}${skipped}; ${query.redact ? `${report.redactions} secrets redacted${kinds ? ` (${kinds})` : ""}` : "redaction off"}.`;
}

async function main(): Promise<void> {
  const parsed = await parseQuery();
  if (!parsed) return;
  try {
    await write(parsed.query, parsed.out, parsed.store);
  } finally {
    await parsed.close();
  }
}

async function write(query: ExportQueryOutput, out: string | undefined, store: Store): Promise<void> {
  if (!out) {
    console.error(summary(query, await toStdout(query, store)));
    return;
  }
  const { manifest, files } = await writeDatasetFiles(store, query, out);
  const report: ExportReport = {
    lines: manifest.rows,
    skipped: manifest.skipped,
    redactions: manifest.redactions.total,
    redactionsByKind: manifest.redactions.by_kind,
    counts: manifest.counts,
    bytes: manifest.bytes,
    sha256: manifest.sha256,
  };
  console.error(
    `${summary(query, report)}\ntracemark: wrote ${files.data}, ${files.card}, ${files.manifest}`,
  );
}

main().catch((error: unknown) => {
  console.error(`tracemark: export failed: ${(error as Error).message}`);
  console.error(USAGE);
  process.exit(1);
});
