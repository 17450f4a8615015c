// Query schemas of GET /api/sessions/{id} (full detail or outline), /turns (a range) and /find (docs/api.md).
import { z } from "zod";
import { MAX_FIND_TERMS } from "@/lib/shared/find";
import { MAX_TURN_RANGE } from "@/lib/shared/session-outline";

export const sessionDetailQuery = z.object({
  view: z.enum(["full", "outline"]).default("full"),
  turn: z.string().min(1).max(200).optional(),
});

/** Positions as written in a URL: digits only (no signs, exponents or fractions), below a billion. */
const position = z
  .string({ error: "required: a turn position (a whole number from 0)" })
  .regex(/^\d{1,9}$/, "must be a whole number from 0 to 999999999")
  .transform(Number);

export const turnRangeQuery = z
  .object({ from: position, to: position })
  .refine((range) => range.to > range.from, { message: "to must be greater than from", path: ["to"] })
  .refine((range) => range.to - range.from <= MAX_TURN_RANGE, {
    message: `at most ${MAX_TURN_RANGE} turns per request (to - from)`,
    path: ["to"],
  });

export const findQuery = z.object({
  q: z
    .string({ error: "required: the terms to find" })
    .max(1_000, "at most 1000 characters")
    .refine((q) => q.trim() !== "", "must have a term")
    .refine((q) => new Set(q.trim().toLowerCase().split(/\s+/)).size <= MAX_FIND_TERMS, {
      message: `at most ${MAX_FIND_TERMS} terms`,
    }),
});
