// The body of PUT /api/{turns,sessions}/{id}/label (docs/api.md "Labels"): every field optional, at least one.
import { z } from "zod";
import { LABEL_VALUES } from "@/lib/shared/labels";
import { MAX_CORRECTION_LENGTH, MAX_REASONS, REASON_ID_PATTERN } from "@/lib/shared/reasons";

/**
 * `{"label"?: "good" | "bad" | null, "note"?: string, "reasons"?: [ids], "correction"?: string | null}`; each
 * field given is set on its own, the others keep their stored values.
 */
export const labelBody = z
  .object({
    label: z.enum(LABEL_VALUES).nullable().optional(),
    note: z.string().max(20_000).optional(),
    reasons: z.array(z.string().regex(REASON_ID_PATTERN, "not a reason id")).max(MAX_REASONS).optional(),
    correction: z.string().max(MAX_CORRECTION_LENGTH).nullable().optional(),
  })
  .strict()
  .refine(
    (body) =>
      body.label !== undefined ||
      body.note !== undefined ||
      body.reasons !== undefined ||
      body.correction !== undefined,
    "give `label` (good, bad or null), `note`, `reasons` and/or `correction`",
  );
