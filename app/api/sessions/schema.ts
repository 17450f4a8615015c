import { z } from "zod";
import { SESSION_SORTS } from "@/lib/shared/views";
import { sessionFilterQuery } from "@/lib/sessions/filter";

export const listSessionsQuery = sessionFilterQuery.extend({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  before: z.string().max(500).optional(),
  sort: z.enum(SESSION_SORTS).default("started_at"),
  order: z.enum(["asc", "desc"]).default("desc"),
});
