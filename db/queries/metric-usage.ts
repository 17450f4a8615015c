// Usage metric points of sources without sessions (Continue sends only metrics): the raw points of the named
// token and cost metrics that carry no session key, in a time range. Which names, and how a series becomes a
// total, is lib/overview/metrics-only.ts's job.
import type { Store } from "../store";

export interface UsagePointRow {
  resourceId: number;
  resource: string; // JSON Attrs
  name: string;
  attributes: string; // JSON Attrs
  timeNs: string;
  value: string; // JSON point summary
}

/** Points of `names` with no session key whose time is in [sinceNs, untilNs) (bounds optional). */
export async function listUsagePointsByName({
  store,
  names,
  sinceNs,
  untilNs,
}: {
  store: Store;
  names: readonly string[];
  sinceNs: string | null;
  untilNs: string | null;
}): Promise<UsagePointRow[]> {
  if (names.length === 0) return [];
  const params: Record<string, unknown> = {};
  names.forEach((name, i) => (params[`n${i}`] = name));
  const clauses = [`m.name IN (${names.map((_, i) => `@n${i}`).join(", ")})`, "m.session_key IS NULL"];
  if (sinceNs !== null) {
    clauses.push("CAST(m.time_ns AS BIGINT) >= CAST(@sinceNs AS BIGINT)");
    params.sinceNs = sinceNs;
  }
  if (untilNs !== null) {
    clauses.push("CAST(m.time_ns AS BIGINT) < CAST(@untilNs AS BIGINT)");
    params.untilNs = untilNs;
  }
  return store.all<UsagePointRow>(
    `SELECT m.resource_id AS resourceId, r.attributes AS resource, m.name, m.attributes, m.time_ns AS timeNs, m.value
       FROM metric_points m JOIN resources r ON r.id = m.resource_id
       WHERE ${clauses.join(" AND ")}
       ORDER BY m.resource_id, m.name, m.id`,
    params,
  );
}
