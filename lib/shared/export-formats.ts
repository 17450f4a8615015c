// The export formats by name, shared by the server (lib/export) and the Export page. Browser-safe.

export const EXPORT_FORMATS = ["turns", "messages", "preference", "dpo", "eval"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** One line on what each format is, for the Export page and the CLI's usage. */
export const EXPORT_FORMAT_TITLES: Record<ExportFormat, string> = {
  turns: "turns: every field (tracemark.turn.v1)",
  messages: "messages: chat transcripts (SFT)",
  preference: "preference: prompt / completion / label (KTO)",
  dpo: "dpo: prompt / chosen / rejected pairs (TRL DPO)",
  eval: "eval: OTLP gen_ai.evaluation.result log records",
};
