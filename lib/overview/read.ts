// The Overview as the API serves it: the aggregates from db/queries/overview.ts shaped into one object
// (docs/overview.md). Nothing is counted here that SQL did not already count; this module only buckets,
// rounds and names.
import type { Db } from "@/db/client";
import {
  getOverviewTotalsByScope,
  listApiErrorsByDayAndStatus,
  listLabeledTurnsByDimension,
  listSessionCountsByDay,
  listToolStatsByName,
  listTurnLabelsByDay,
  listTurnLatencyByModel,
  listTurnUsageByDayAndModel,
  type OverviewScope,
  type TurnUsageRow,
} from "@/db/queries/overview";
import { dayBoundsOf, daysToShow, offsetMsOf } from "./days";
import { toOverRepresented } from "./label-skew";
import { mcpServerOf, toMcpServers } from "./mcp";
import type { LabelCounts, ModelUsage, Overview, OverviewDay, TokenUsage } from "./types";

export interface OverviewQuery {
  client?: string;
  since?: number; // epoch ms, on session start (as the sessions list)
  until?: number;
  utc_offset: number; // minutes east of UTC
}

/** Durations come from float epoch times; a tenth of a millisecond is all the precision they carry. */
const roundMs = (ms: number | null): number | null => (ms === null ? null : Math.round(ms * 10) / 10);

const addCost = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : a + b);

function toModelUsage(row: TurnUsageRow): ModelUsage {
  return {
    model: row.model,
    turns: row.turns,
    input_tokens: row.inputTokens,
    output_tokens: row.outputTokens,
    cached_input_tokens: row.cachedInputTokens,
    reasoning_tokens: row.reasoningTokens,
    cost_usd: row.costUsd,
  };
}

function addUsage(into: ModelUsage, row: ModelUsage): void {
  into.turns += row.turns;
  for (const key of ["input_tokens", "output_tokens", "cached_input_tokens", "reasoning_tokens"] as const satisfies (keyof TokenUsage)[]) {
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
  return [...byModel.values()].sort((a, b) => b.turns - a.turns || (a.model ?? "").localeCompare(b.model ?? ""));
}

function groupByDay<T extends { day: number | null }>(rows: T[]): Map<number, T[]> {
  const byDay = new Map<number, T[]>();
  for (const row of rows) {
    if (row.day === null) continue; // a session without a start time has no day (it is still in the totals)
    byDay.set(row.day, [...(byDay.get(row.day) ?? []), row]);
  }
  return byDay;
}

export function readOverview(db: Db, query: OverviewQuery, now = Date.now()): Overview {
  const offsetMs = offsetMsOf(query.utc_offset);
  const scope: OverviewScope = { filter: { client: query.client, since: query.since, until: query.until }, offsetMs };
  const totals = getOverviewTotalsByScope({ db, scope });
  const usage = listTurnUsageByDayAndModel({ db, scope });
  const sessionsByDay = new Map(listSessionCountsByDay({ db, scope }).map((row) => [row.day, row.sessions]));
  const usageByDay = groupByDay(usage);
  const errorsByDay = groupByDay(listApiErrorsByDayAndStatus({ db, scope }));
  const labelsByDay = new Map(listTurnLabelsByDay({ db, scope }).flatMap((row) => (row.day === null ? [] : [[row.day, row]])));
  const tools = listToolStatsByName({ db, scope }).map((row) => ({
    name: row.name,
    mcp_server: mcpServerOf(row.name),
    calls: row.calls,
    failures: row.failures,
    failure_rate: row.calls > 0 ? row.failures / row.calls : 0,
    p50_ms: roundMs(row.p50Ms),
    p95_ms: roundMs(row.p95Ms),
  }));

  const days: OverviewDay[] = daysToShow({ since: query.since, until: query.until, dataDays: [...sessionsByDay.keys()], now, offsetMs }).map(
    (day) => {
      const labels = labelsByDay.get(day);
      return {
        ...dayBoundsOf(day, offsetMs),
        sessions: sessionsByDay.get(day) ?? 0,
        models: modelTotals((usageByDay.get(day) ?? []).map(toModelUsage)),
        api_errors: (errorsByDay.get(day) ?? [])
          .map((row) => ({ status: row.status, errors: row.errors }))
          .sort((a, b) => (a.status ?? Infinity) - (b.status ?? Infinity)),
        labels: { good: labels?.good ?? 0, bad: labels?.bad ?? 0, unlabeled: labels?.unlabeled ?? 0 },
      };
    },
  );
  const labelTotals: LabelCounts = { good: 0, bad: 0, unlabeled: 0 };
  for (const row of labelsByDay.values()) {
    labelTotals.good += row.good;
    labelTotals.bad += row.bad;
    labelTotals.unlabeled += row.unlabeled;
  }

  return {
    scope: {
      since: query.since === undefined ? null : new Date(query.since).toISOString(),
      until: query.until === undefined ? null : new Date(query.until).toISOString(),
      client: query.client ?? null,
      utc_offset: query.utc_offset,
    },
    totals: {
      sessions: totals.sessions,
      turns: totals.turns,
      tool_calls: totals.toolCalls,
      tool_failures: totals.toolFailures,
      api_errors: totals.apiErrors,
      input_tokens: totals.inputTokens,
      output_tokens: totals.outputTokens,
      cached_input_tokens: totals.cachedInputTokens,
      reasoning_tokens: totals.reasoningTokens,
      cost_usd: totals.costUsd,
    },
    models: modelTotals(usage.map(toModelUsage)),
    days,
    tools,
    mcp_servers: toMcpServers(tools),
    latency: listTurnLatencyByModel({ db, scope }).map((row) => ({
      model: row.model,
      turns: row.turns,
      ttft_turns: row.ttftTurns,
      ttft_p50_ms: roundMs(row.ttftP50Ms),
      ttft_p95_ms: roundMs(row.ttftP95Ms),
      e2e_p50_ms: roundMs(row.e2eP50Ms),
      e2e_p95_ms: roundMs(row.e2eP95Ms),
    })),
    labels: { totals: labelTotals, over_represented: toOverRepresented(listLabeledTurnsByDimension({ db, scope })) },
  };
}
