// Tokens and cost of sources that have no sessions (metrics-only clients such as Continue), by client, day
// and model, from their usage metric points (the names each adapter declares). Clients with sessions are left
// out: their usage is counted from their events, and adding their metrics would count it twice.
import { listUsagePointsByName, type UsagePointRow } from "@/db/queries/metric-usage";
import type { Store } from "@/db/store";
import type { AttrValue, Attrs } from "@/db/telemetry";
import { clientOf, isMetricsOnlyClient, usageMetrics } from "@/lib/adapters";
import { dayBoundsOf, dayNumberOf } from "./days";
import type { MetricsOnlyUsage } from "./types";

interface Point {
  row: UsagePointRow;
  attrs: Attrs;
  ms: number;
  value: number;
  start: string | null;
  cumulative: boolean;
}

function pointOf(row: UsagePointRow): Point | null {
  const body = JSON.parse(row.value) as Record<string, AttrValue>;
  const raw = body.type === "histogram" || body.type === "exponentialHistogram" ? body.sum : body.value;
  const value = typeof raw === "number" ? raw : typeof raw === "string" ? Number(raw) : NaN;
  if (!Number.isFinite(value)) return null;
  return {
    row,
    attrs: JSON.parse(row.attributes) as Attrs,
    ms: Number(BigInt(row.timeNs) / 1_000_000n),
    value,
    start: typeof body.start === "string" && body.start !== "0" ? body.start : null,
    cumulative: body.cumulative === true,
  };
}

/**
 * A cumulative series (one process's running total: same resource, metric, attributes and start time) counts
 * its last value once, on the day of that point; delta points each count. An exporter re-sending the same
 * total every interval therefore counts once.
 */
function seriesTotals(points: Point[]): Point[] {
  const last = new Map<string, Point>();
  const out: Point[] = [];
  for (const point of points) {
    if (!point.cumulative) {
      out.push(point);
      continue;
    }
    const key = `${point.row.resourceId}|${point.row.name}|${point.row.attributes}|${point.start ?? ""}`;
    const seen = last.get(key);
    if (!seen || point.ms >= seen.ms) last.set(key, point);
  }
  return [...out, ...last.values()];
}

const text = (attrs: Attrs, key: string): string | null =>
  typeof attrs[key] === "string" ? attrs[key] : null;

export async function readMetricsOnlyUsage(
  store: Store,
  query: { client?: string; since?: number; until?: number; offsetMs: number },
  clientsWithSessions: ReadonlySet<string>,
): Promise<MetricsOnlyUsage[]> {
  const metrics = usageMetrics();
  const rows = await listUsagePointsByName({
    store,
    names: [...metrics.keys()],
    sinceNs: query.since !== undefined ? `${BigInt(query.since) * 1_000_000n}` : null,
    untilNs: query.until !== undefined ? `${BigInt(query.until) * 1_000_000n}` : null,
  });
  const clientOfResource = new Map<number, string>();
  const points: Point[] = [];
  for (const row of rows) {
    if (!clientOfResource.has(row.resourceId))
      clientOfResource.set(row.resourceId, clientOf(JSON.parse(row.resource) as Attrs));
    const client = clientOfResource.get(row.resourceId)!;
    if (query.client !== undefined && client !== query.client) continue;
    if (clientsWithSessions.has(client) && !isMetricsOnlyClient(client)) continue;
    const point = pointOf(row);
    if (point) points.push(point);
  }
  const buckets = new Map<string, MetricsOnlyUsage>();
  for (const point of seriesTotals(points)) {
    const metric = metrics.get(point.row.name)!;
    const client = clientOfResource.get(point.row.resourceId)!;
    const model =
      text(point.attrs, "model") ??
      text(point.attrs, "gen_ai.request.model") ??
      text(point.attrs, "gen_ai.response.model");
    const day = dayBoundsOf(dayNumberOf(point.ms, query.offsetMs), query.offsetMs);
    const key = `${client}|${day.day}|${model ?? ""}`;
    const bucket = buckets.get(key) ?? {
      client,
      ...day,
      model,
      input_tokens: 0,
      output_tokens: 0,
      cost_usd: null,
    };
    buckets.set(key, bucket);
    if (metric.kind === "cost")
      bucket.cost_usd = Math.round(((bucket.cost_usd ?? 0) + point.value) * 1e9) / 1e9;
    else {
      const type = text(point.attrs, metric.typeAttribute ?? "type");
      if (type === "input" || type === "prompt") bucket.input_tokens += point.value;
      else if (type === "output" || type === "completion") bucket.output_tokens += point.value;
    }
  }
  return [...buckets.values()].sort((a, b) =>
    a.day < b.day ? -1 : a.day > b.day ? 1 : a.client < b.client ? -1 : 1,
  );
}
