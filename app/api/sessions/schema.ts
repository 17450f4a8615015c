import { z } from "zod";

const flag = z.enum(["true", "false", "1", "0"]).transform((value) => value === "true" || value === "1");
const time = z.string().refine((value) => !Number.isNaN(Date.parse(value)), "not an ISO 8601 time").transform(Date.parse);

export const listSessionsQuery = z.object({
  client: z.string().max(100).optional(),
  model: z.string().max(200).optional(),
  has_errors: flag.optional(),
  tool_failed: flag.optional(),
  since: time.optional(),
  until: time.optional(),
  q: z.string().max(500).optional(),
  label_state: z.enum(["unlabeled", "partly", "done", "has-bad"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  before: z.string().max(500).optional(),
});
