import { z } from "zod";
import { LABEL_VALUES } from "@/lib/shared/labels";

/** `{"label": "good" | "bad" | null, "note"?: string}`; a note alone changes only the note. */
export const labelBody = z
  .object({
    label: z.enum(LABEL_VALUES).nullable().optional(),
    note: z.string().max(20_000).optional(),
  })
  .strict()
  .refine((body) => body.label !== undefined || body.note !== undefined, "give `label` (good, bad or null) and/or `note`");
