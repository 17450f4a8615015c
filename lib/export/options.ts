// Export options as the CLI and the HTTP API take them (same names), validated in one place.
import { z } from "zod";
import { EXPORT_FORMATS } from "@/lib/shared/export-formats";
import { REASON_ID_PATTERN } from "@/lib/shared/reasons";
import type { ExportOptions } from "./export";
import { LABEL_FILTERS } from "@/lib/shared/labels";
import { MAX_PERSON_NAME_LENGTH } from "@/lib/shared/people";
import { toAnnotatorFilter } from "./annotator";

const isoTime = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), "not an ISO 8601 time")
  .transform(Date.parse);

export const exportQuery = z
  .object({
    label: z.enum(LABEL_FILTERS).default("labeled"),
    format: z.enum(EXPORT_FORMATS).default("turns"),
    client: z.string().max(100).optional(),
    model: z.string().max(200).optional(),
    since: isoTime.optional(),
    until: isoTime.optional(),
    session: z.array(z.string().max(200)).max(10_000).optional(),
    has_note: z.boolean().optional(),
    reason: z.string().regex(REASON_ID_PATTERN, "not a reason id").optional(),
    /** `messages`: the agent's own final answer even where a correction exists. */
    original: z.boolean().default(false),
    redact: z.boolean().default(true),
    /** Suggested labels (agent feedback, evaluators) are never mixed with a person's unless asked. */
    suggested: z.enum(["exclude", "include"]).default("exclude"),
    /** Whose labels: a person's name, `majority`, `any-bad` or `all` (docs/export-format.md "Annotators"). */
    annotator: z
      .string()
      .min(1)
      .max(MAX_PERSON_NAME_LENGTH)
      .refine((value) => ![...value].some((c) => c < " "), "control characters are not allowed")
      .optional(),
  })
  .strict();

export type ExportQuery = z.input<typeof exportQuery>;
export type ExportQueryOutput = z.output<typeof exportQuery>;

/**
 * `preference` and `eval` rows come from labeled turns only, whatever the label option says; `dpo` pairs
 * choose their own turns (corrected ones, and good/bad answers to one prompt), so its label option is unused.
 */
function labelFilter(query: z.output<typeof exportQuery>): ExportOptions["filter"]["label"] {
  if (query.format === "dpo") return "all";
  if ((query.format === "preference" || query.format === "eval") && query.label === "all") return "labeled";
  return query.label;
}

export function toExportOptions(query: z.output<typeof exportQuery>): ExportOptions {
  return {
    format: query.format,
    redact: query.redact,
    row: { original: query.original, suggested: query.suggested === "include" },
    filter: {
      label: labelFilter(query),
      client: query.client,
      model: query.model,
      since: query.since,
      until: query.until,
      sessionIds: query.session,
      hasNote: query.has_note,
      reason: query.reason,
      // What `formatTurn` can represent, selected in SQL so the preview count equals the lines written.
      requirePrompt: query.format === "messages" || query.format === "preference",
      requireCompletion: query.format === "preference",
      annotator: toAnnotatorFilter(query.annotator),
    },
  };
}
