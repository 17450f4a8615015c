// The session filter as query parameters, shared by the list, the review queue and export.
import { z } from "zod";
import type { SessionFilter } from "@/db/queries/session-filter";
import { LABEL_STATES } from "@/lib/shared/labels";
import { REASON_ID_PATTERN } from "@/lib/shared/reasons";
import { toFtsQuery } from "./search";
import { SIGNAL_KINDS } from "@/lib/shared/signals";

const flag = z.enum(["true", "false", "1", "0"]).transform((value) => value === "true" || value === "1");
const time = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), "not an ISO 8601 time")
  .transform(Date.parse);

export const sessionFilterQuery = z.object({
  client: z.string().max(100).optional(),
  model: z.string().max(200).optional(),
  has_errors: flag.optional(),
  tool_failed: flag.optional(),
  since: time.optional(),
  until: time.optional(),
  q: z.string().max(500).optional(),
  label_state: z.enum(LABEL_STATES).optional(),
  reason: z.string().regex(REASON_ID_PATTERN, "not a reason id").optional(),
  signal: z.enum(SIGNAL_KINDS).optional(),
  tool: z.string().min(1).max(200).optional(),
});

export type SessionFilterQuery = z.infer<typeof sessionFilterQuery>;

/** `undefined` when the search text has no searchable word (nothing can match). */
/** `viewer`: whose labels the label states and the review queue read (docs/team.md "People"). */
export function toSessionFilter(query: SessionFilterQuery, viewer?: string): SessionFilter | undefined {
  const q = query.q === undefined ? undefined : toFtsQuery(query.q);
  if (query.q !== undefined && q === undefined) return undefined;
  return {
    client: query.client,
    model: query.model,
    hasErrors: query.has_errors,
    toolFailed: query.tool_failed,
    since: query.since,
    until: query.until,
    q,
    labelState: query.label_state,
    reason: query.reason,
    signal: query.signal,
    tool: query.tool,
    viewer,
  };
}
