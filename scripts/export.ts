// `npm run export -- --label good --format turns [--client C] [--model M] [--since ISO] [--until ISO]
//   [--session ID]... [--has-note] [--no-redact] [--out FILE]`: a labeled dataset as JSONL (stdout without --out).
import fs from "node:fs";
import { once } from "node:events";
import { parseArgs } from "node:util";
import { getDb } from "@/db/client";
import { getConfig } from "@/lib/config";
import { exportDataset } from "@/lib/export/export";
import { exportQuery, toExportOptions } from "@/lib/export/options";

const USAGE = `usage: npm run export -- --label <good|bad|labeled|all> --format <turns|messages|preference>
  [--client C] [--model M] [--since ISO] [--until ISO] [--session ID]... [--has-note] [--no-redact] [--suggested include] [--out FILE]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      label: { type: "string" },
      format: { type: "string" },
      client: { type: "string" },
      model: { type: "string" },
      since: { type: "string" },
      until: { type: "string" },
      session: { type: "string", multiple: true },
      "has-note": { type: "boolean" },
      "no-redact": { type: "boolean" },
      suggested: { type: "string" },
      out: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const parsed = exportQuery.safeParse({
    label: values.label,
    format: values.format,
    client: values.client,
    model: values.model,
    since: values.since,
    until: values.until,
    session: values.session,
    has_note: values["has-note"],
    redact: !values["no-redact"],
    suggested: values.suggested,
  });
  if (!parsed.success) {
    console.error(parsed.error.issues.map((issue) => `--${issue.path.join(".")}: ${issue.message}`).join("\n"));
    console.error(USAGE);
    process.exit(2);
  }
  const { lines, report } = exportDataset(getDb(getConfig().dataDir), toExportOptions(parsed.data));
  const out = values.out ? fs.createWriteStream(values.out) : process.stdout;
  for (const line of lines) {
    if (!out.write(line)) await once(out, "drain");
  }
  if (values.out) {
    out.end();
    await once(out, "finish");
  }
  const kinds = Object.entries(report.redactionsByKind).map(([kind, n]) => `${kind} ${n}`).join(", ");
  console.error(
    `tracemark: exported ${report.lines} ${parsed.data.format} lines` +
      (report.skipped > 0 ? ` (${report.skipped} matching turns skipped: no prompt${parsed.data.format === "preference" ? ", no label or no completion" : ""})` : "") +
      `; ${parsed.data.redact ? `${report.redactions} secrets redacted${kinds ? ` (${kinds})` : ""}` : "redaction off"}.`,
  );
}

main().catch((error: unknown) => {
  console.error(`tracemark: export failed: ${(error as Error).message}`);
  console.error(USAGE);
  process.exit(1);
});
