// The Overview as the API serves it: the aggregates from db/queries/overview.ts shaped into one object
// (docs/overview.md). Nothing is counted here that SQL did not already count; this module only buckets,
// rounds and names.
import {
  getOverviewTotalsByScope,
  listApiErrorsByDayAndStatus,
  listSessionClients,
  listSessionCountsByDay,
  listSessionCountsByDayAndModel,
  listToolStatsByName,
  listTurnLatencyByModel,
  listTurnUsageByDayAndModel,
  type LatencyRow,
  type OverviewScope,
  type OverviewTotalsRow,
  type ToolStatsRow,
  type TurnUsageRow,
} from "@/db/queries/overview";
import {
  listLabeledTurnsByDimension,
  listReasonTurnsByDimension,
  listTurnLabelsByDay,
} from "@/db/queries/overview-labels";
import type { Store } from "@/db/store";
import { DEFAULT_REASONS, type Reason } from "@/lib/shared/reasons";
import { toBadReasons } from "./bad-reasons";
import { dayBoundsOf, daysToShow, offsetMsOf } from "./days";
import { toOverRepresented } from "./label-skew";
import { mcpServerOf, toMcpServers } from "./mcp";
import { readAgreement } from "./agreement";
import { readMetricsOnlyUsage } from "./metrics-only";
import type {
  LabelCounts,
  LatencyStats,
  ModelUsage,
  Overview,
  OverviewDay,
  OverviewTotals,
  TokenUsage,
  ToolStats,
} from "./types";

export interface OverviewQuery {
  client?: string;
  since?: number; // epoch ms, on session start (as the sessions list)
  until?: number;
  utc_offset: number; // minutes east of UTC
}

/** Durations come from float epoch times; a tenth of a millisecond is all the precision they carry. */
const roundMs = (ms: number | null): number | null => (ms === null ? null : Math.round(ms * 10) / 10);

/** Costs to the nano-dollar: SQL sums of REAL values depend on the order the engine adds the rows in (SQLite
 * and PostgreSQL differ in the 16th digit), and no reader needs more than that (lib/overview/metrics-only.ts too). */
const roundCost = (cost: number | null): number | null =>
  cost === null ? null : Math.round(cost * 1e9) / 1e9;

const addCost = (a: number | null, b: number | null): number | null =>
  a === null ? b : b === null ? a : roundCost(a + b);

function toModelUsage(row: TurnUsageRow): ModelUsage {
  return {
    model: row.model,
    turns: row.turns,
    input_tokens: row.inputTokens,
    output_tokens: row.outputTokens,
    cached_input_tokens: row.cachedInputTokens,
    reasoning_tokens: row.reasoningTokens,
    cost_usd: roundCost(row.costUsd),
  };
}

function addUsage(into: ModelUsage, row: ModelUsage): void {
  into.turns += row.turns;
  for (const key of [
    "input_tokens",
    "output_tokens",
    "cached_input_tokens",
    "reasoning_tokens",
  ] as const satisfies (keyof TokenUsage)[]) {
    into[key] += row[key];
  }
  into.cost_usd = addCost(into.cost_usd, row.cost_usd);
}

/** Per model over the whole scope, most turns first. */
function modelTotals(rows: ModelUsage[]): ModelUsage[] {
  const byModel = new Map<string | null, ModelUsage>();
  for (const row of rows) {
    const total = byModel.get(row.model);
    if (total) addUsage(total, row);
    else byModel.set(row.model, { ...row });
  }
  return [...byModel.values()].sort(
    (a, b) => b.turns - a.turns || (a.model ?? "").localeCompare(b.model ?? ""),
  );
}

function groupByDay<T extends { day: number | null }>(rows: T[]): Map<number, T[]> {
  const byDay = new Map<number, T[]>();
  for (const row of rows) {
    if (row.day === null) continue; // a session without a start time has no day (it is still in the totals)
    byDay.set(row.day, [...(byDay.get(row.day) ?? []), row]);
  }
  return byDay;
}

async function toDays(
  store: Store,
  scope: OverviewScope,
  query: OverviewQuery,
  usage: TurnUsageRow[],
  now: number,
): Promise<OverviewDay[]> {
  const sessionCounts = await listSessionCountsByDay({ store, scope });
  const sessionsByDay = new Map(sessionCounts.map((row) => [row.day, row.sessions]));
  const sessionModelsByDay = groupByDay(await listSessionCountsByDayAndModel({ store, scope }));
  const usageByDay = groupByDay(usage);
  const errorsByDay = groupByDay(await listApiErrorsByDayAndStatus({ store, scope }));
  const labelsByDay = groupByDay(await listTurnLabelsByDay({ store, scope }));
  const dataDays = [...sessionsByDay.keys()];
  return daysToShow({ since: query.since, until: query.until, dataDays, now, offsetMs: scope.offsetMs }).map(
    (day) => {
      const labels = labelsByDay.get(day)?.[0] ?? { good: 0, bad: 0 };
      const models = modelTotals((usageByDay.get(day) ?? []).map(toModelUsage));
      const turns = models.reduce((sum, model) => sum + model.turns, 0);
      return {
        ...dayBoundsOf(day, scope.offsetMs),
        sessions: sessionsByDay.get(day) ?? 0,
        sessions_by_model: (sessionModelsByDay.get(day) ?? []).map((row) => ({
          model: row.model,
          sessions: row.sessions,
        })),
        models,
        api_errors: (errorsByDay.get(day) ?? [])
          .map((row) => ({ status: row.status, errors: row.errors }))
          .sort((a, b) => (a.status ?? Infinity) - (b.status ?? Infinity)),
        labels: { good: labels.good, bad: labels.bad, unlabeled: turns - labels.good - labels.bad },
      };
    },
  );
}

function toTotals(row: OverviewTotalsRow): OverviewTotals {
  return {
    sessions: row.sessions,
    turns: row.turns,
    tool_calls: row.toolCalls,
    tool_failures: row.toolFailures,
    api_errors: row.apiErrors,
    input_tokens: row.inputTokens,
    output_tokens: row.outputTokens,
    cached_input_tokens: row.cachedInputTokens,
    reasoning_tokens: row.reasoningTokens,
    cost_usd: roundCost(row.costUsd),
  };
}

function toTools(rows: ToolStatsRow[]): ToolStats[] {
  return rows.map((row) => ({
    name: row.name,
    mcp_server: mcpServerOf(row.name),
    calls: row.calls,
    failures: row.failures,
    failure_rate: row.calls > 0 ? row.failures / row.calls : 0,
    p50_ms: roundMs(row.p50Ms),
    p95_ms: roundMs(row.p95Ms),
  }));
}

function toLatency(rows: LatencyRow[]): LatencyStats[] {
  return rows.map((row) => ({
    model: row.model,
    turns: row.turns,
    ttft_turns: row.ttftTurns,
    ttft_p50_ms: roundMs(row.ttftP50Ms),
    ttft_p95_ms: roundMs(row.ttftP95Ms),
    e2e_p50_ms: roundMs(row.e2eP50Ms),
    e2e_p95_ms: roundMs(row.e2eP95Ms),
  }));
}

function labelTotals(days: OverviewDay[]): LabelCounts {
  const totals: LabelCounts = { good: 0, bad: 0, unlabeled: 0 };
  for (const { labels } of days) {
    totals.good += labels.good;
    totals.bad += labels.bad;
    totals.unlabeled += labels.unlabeled;
  }
  return totals;
}

/** Every panel for one scope, read in one transaction so the panels agree with each other. */
export async function readOverview(
  store: Store,
  query: OverviewQuery,
  now = Date.now(),
  reasons: readonly Reason[] = DEFAULT_REASONS,
  viewer?: string,
): Promise<Overview> {
  const scope: OverviewScope = {
    filter: { client: query.client, since: query.since, until: query.until, viewer },
    offsetMs: offsetMsOf(query.utc_offset),
  };
  return store.transaction(
    async (tx): Promise<Overview> => {
      const usage = await listTurnUsageByDayAndModel({ store: tx, scope });
      const tools = toTools(await listToolStatsByName({ store: tx, scope }));
      const days = await toDays(tx, scope, query, usage, now);
      return {
        scope: {
          since: query.since === undefined ? null : new Date(query.since).toISOString(),
          until: query.until === undefined ? null : new Date(query.until).toISOString(),
          client: query.client ?? null,
          utc_offset: query.utc_offset,
        },
        totals: toTotals(await getOverviewTotalsByScope({ store: tx, scope })),
        models: modelTotals(usage.map(toModelUsage)),
        days,
        tools,
        mcp_servers: toMcpServers(tools),
        latency: toLatency(await listTurnLatencyByModel({ store: tx, scope })),
        labels: {
          totals: labelTotals(days),
          over_represented: toOverRepresented(await listLabeledTurnsByDimension({ store: tx, scope })),
        },
        metrics_only: await readMetricsOnlyUsage(
          tx,
          { client: query.client, since: query.since, until: query.until, offsetMs: scope.offsetMs },
          await listSessionClients({ store: tx }),
        ),
        reasons: { bad: toBadReasons(await listReasonTurnsByDimension({ store: tx, scope }), reasons) },
        agreement: { pairs: await readAgreement(tx, scope.filter) },
      };
    },
    { snapshot: true },
  );
}
