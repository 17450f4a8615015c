// Export: a labeled dataset as JSONL (or a zip with its card and manifest), the same options as `npm run export` (docs/export-format.md).
import type { Metadata } from "next";
import { ExportPanel } from "@/components/export/export-panel";
import { DEFAULT_DATA_DIR, getConfig, resolveDataDir } from "@/lib/config";

export const metadata: Metadata = { title: "Export · tracemark" };

export default function ExportPage() {
  const { dataDir } = getConfig();
  return (
    <main className="mx-auto max-w-5xl px-6 py-6">
      <h1 className="text-2xl font-semibold">Export a dataset</h1>
      <p className="mt-2 max-w-2xl text-sm text-zinc-600 dark:text-zinc-400">
        One JSON line per turn. <strong>turns</strong> keeps every field with its label and note;{" "}
        <strong>messages</strong> gives chat transcripts for fine-tuning; <strong>preference</strong> gives
        prompt/completion rows with <code>label: true</code> for good and <code>false</code> for bad (labeled
        turns only); <strong>dpo</strong> gives chosen/rejected pairs from corrections and from one prompt
        answered well and badly; <strong>eval</strong> gives OTLP <code>gen_ai.evaluation.result</code>{" "}
        records to send to any OpenTelemetry backend. The zip adds a Hugging Face dataset card and a manifest
        with the file&apos;s sha256. The archive is never changed: redaction happens on the way out.
      </p>
      <ExportPanel dataDir={dataDir === resolveDataDir(DEFAULT_DATA_DIR) ? null : dataDir} />
    </main>
  );
}
