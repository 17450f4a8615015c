// Export options as the CLI and the HTTP API take them (same names), validated in one place.
import { z } from "zod";
import type { ExportOptions } from "./export";
import { LABEL_FILTERS } from "@/lib/shared/labels";

const isoTime = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), "not an ISO 8601 time")
  .transform(Date.parse);

export const exportQuery = z
  .object({
    label: z.enum(LABEL_FILTERS).default("labeled"),
    format: z.enum(["turns", "messages", "preference"]).default("turns"),
    client: z.string().max(100).optional(),
    model: z.string().max(200).optional(),
    since: isoTime.optional(),
    until: isoTime.optional(),
    session: z.array(z.string().max(200)).max(10_000).optional(),
    has_note: z.boolean().optional(),
    redact: z.boolean().default(true),
  })
  .strict();

export type ExportQuery = z.input<typeof exportQuery>;

export function toExportOptions(query: z.output<typeof exportQuery>): ExportOptions {
  return {
    format: query.format,
    redact: query.redact,
    filter: {
      // preference rows come from labeled turns only, whatever the label option says
      label: query.format === "preference" && query.label === "all" ? "labeled" : query.label,
      client: query.client,
      model: query.model,
      since: query.since,
      until: query.until,
      sessionIds: query.session,
      hasNote: query.has_note,
    },
  };
}
