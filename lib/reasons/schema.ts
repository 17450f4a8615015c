// The body of PUT /api/reasons (docs/api.md "Reasons"): the whole vocabulary, in key order.
import { z } from "zod";
import { MAX_REASONS, REASON_ID_PATTERN, REASON_POLARITIES } from "@/lib/shared/reasons";

export const reasonsBody = z
  .object({
    reasons: z
      .array(
        z
          .object({
            id: z.string().regex(REASON_ID_PATTERN, "lowercase letters, digits and '-', at most 40"),
            title: z.string().trim().min(1).max(60),
            polarity: z.enum(REASON_POLARITIES),
          })
          .strict(),
      )
      .min(1)
      .max(MAX_REASONS)
      .refine(
        (list) => new Set(list.map((reason) => reason.id)).size === list.length,
        "reason ids must be unique",
      ),
  })
  .strict();
