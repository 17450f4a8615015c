// `<name>.card.md`: a Hugging Face dataset card for a written export — YAML front matter (configs, features,
// size category) and a body with the counts, redactions, filters, tracemark version and how to load it.
import { stringify } from "yaml";
import { TRACEMARK_VERSION } from "@/lib/version";
import { describeAnnotator } from "./annotator";
import { FEATURES } from "./features";
import type { ExportManifest } from "./manifest";

/** The Hub's size buckets (the `size_categories` tag). */
export function sizeCategory(rows: number): string {
  const buckets: [number, string][] = [
    [1e3, "n<1K"],
    [1e4, "1K<n<10K"],
    [1e5, "10K<n<100K"],
    [1e6, "100K<n<1M"],
    [1e7, "1M<n<10M"],
    [1e8, "10M<n<100M"],
    [1e9, "100M<n<1B"],
  ];
  return buckets.find(([limit]) => rows < limit)?.[1] ?? "n>1T";
}

function table(title: string, counts: Record<string, number>): string {
  const rows = Object.entries(counts).sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  if (rows.length === 0) return `### ${title}\n\nnone\n`;
  return `### ${title}\n\n| ${title.toLowerCase()} | rows |\n|---|---|\n${rows.map(([key, n]) => `| ${key.replace(/\|/g, "\\|")} | ${n} |`).join("\n")}\n`;
}

export function buildCard(manifest: ExportManifest): string {
  const format = manifest.format as keyof typeof FEATURES;
  const front = {
    pretty_name: `tracemark ${format} export`,
    tags: ["tracemark", "coding-agents", "human-feedback", format],
    size_categories: [sizeCategory(manifest.rows)],
    configs: [{ config_name: "default", data_files: [{ split: "train", path: manifest.files.data }] }],
    dataset_info: {
      features: FEATURES[format],
      splits: [{ name: "train", num_examples: manifest.rows, num_bytes: manifest.bytes }],
    },
  };
  const redactions = manifest.redactions.enabled
    ? `${manifest.redactions.total} secrets redacted${Object.keys(manifest.redactions.by_kind).length > 0 ? ":" : "."}\n\n${Object.entries(
        manifest.redactions.by_kind,
      )
        .map(([kind, n]) => `- ${kind}: ${n}`)
        .join("\n")}`
    : "Redaction was **off**: the rows may hold secrets.";
  return `---
${stringify(front).trimEnd()}
---

# tracemark ${format} export

Agent turns labeled by a person in tracemark ${TRACEMARK_VERSION}, exported
${manifest.created_at} as \`${format}\` (docs/export-format.md describes every format): ${manifest.rows} rows
in \`${manifest.files.data}\` (sha256 \`${manifest.sha256}\`, ${manifest.bytes} bytes; see \`${manifest.files.card.replace(/\.card\.md$/, "")}.manifest.json\`).

Whose labels: ${describeAnnotator(manifest.filters.annotator)}.

## Load it

\`\`\`python
from datasets import load_dataset

ds = load_dataset("json", data_files="${manifest.files.data}", split="train")
\`\`\`

## Counts

${table(format === "dpo" ? "Source" : "Label", manifest.counts.by_label)}
${table("Reason", manifest.counts.by_reason)}
${table("Client", manifest.counts.by_client)}
${table("Model", manifest.counts.by_model)}
## Redaction

${redactions}

## Filters

\`\`\`json
${JSON.stringify(manifest.filters, null, 2)}
\`\`\`
`;
}
