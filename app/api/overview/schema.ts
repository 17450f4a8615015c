import { z } from "zod";
import { sessionFilterQuery } from "@/lib/sessions/filter";

/** The Overview's scope: the sessions list's `client`, `since`, `until`, plus the viewer's UTC offset for days. */
export const overviewQuery = z
  .strictObject({
    client: sessionFilterQuery.shape.client,
    since: sessionFilterQuery.shape.since,
    until: sessionFilterQuery.shape.until,
    utc_offset: z.coerce.number().int().min(-840).max(840).default(0), // minutes east of UTC
  })
  .refine((query) => query.since === undefined || query.until === undefined || query.since < query.until, {
    message: "must be after since",
    path: ["until"],
  });
