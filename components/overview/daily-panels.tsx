"use client";
// The per-day panels: sessions, turns, tokens and cost by model, API errors by status, turn labels. Each bar
// opens the sessions list for that day (and model, errors or bad labels); past MAX_DAILY_BARS days, per week.
import { useRouter } from "next/navigation";
import { useMemo, useState, type ReactNode } from "react";
import type { Overview, OverviewDay, TokenKind } from "@/lib/overview/types";
import { formatCount } from "../format";
import { ChartCard } from "./chart-card";
import { BAD_COLOR, GOOD_COLOR, NEUTRAL_COLOR } from "./chart-theme";
import { DayBarChart } from "./day-bar-chart";
import { sessionsHref, type SessionsLinkFilter } from "./overview-query";
import {
  modelDayRows,
  modelSeries,
  modelsInRange,
  periodOf,
  rowsPer,
  sessionValues,
  statusDayRows,
  statusSeries,
  usageValues,
  type DayRow,
  type ModelValue,
  type Series,
} from "./series";

const TOKEN_KINDS: { kind: TokenKind; label: string }[] = [
  { kind: "input_tokens", label: "input" },
  { kind: "output_tokens", label: "output" },
  { kind: "cached_input_tokens", label: "cached" },
  { kind: "reasoning_tokens", label: "reasoning" },
];

const formatUsd = (usd: number): string => (usd === 0 ? "$0" : `$${usd.toFixed(usd < 0.01 ? 4 : 2)}`);
const LABEL_SERIES = [
  { key: "bad", label: "bad", color: BAD_COLOR, narrow: { label_state: "has-bad" } },
  { key: "good", label: "good", color: GOOD_COLOR, narrow: {} },
  { key: "unlabeled", label: "unlabeled", color: NEUTRAL_COLOR, narrow: {} },
] satisfies (Series & { narrow: SessionsLinkFilter })[];

interface ModelPanel {
  testId: string;
  title: string;
  caption: string;
  unit: string;
  values: (day: OverviewDay) => ModelValue[];
  format?: (value: number) => string;
  /** Values with a fraction (USD): the value axis may tick between whole numbers. */
  decimals?: boolean;
  empty?: string | false;
  actions?: ReactNode;
}

export function DailyPanels({ overview }: { overview: Overview }) {
  const router = useRouter();
  const [kind, setKind] = useState<TokenKind>("input_tokens");
  const { days, scope } = overview;
  const period = periodOf(days);
  const series = useMemo(() => modelSeries(modelsInRange(overview)), [overview]);
  const statuses = useMemo(() => statusSeries(days), [days]);
  const open = (row: DayRow, narrow: SessionsLinkFilter = {}): void =>
    router.push(sessionsHref(scope, { since: row.since, until: row.until, ...narrow }));
  const noDays = days.length === 0 && "No sessions in this range.";
  const hasCost = overview.models.some((usage) => usage.cost_usd !== null);
  const kindLabel = TOKEN_KINDS.find((option) => option.kind === kind)?.label ?? "";
  const modelPanels: ModelPanel[] = [
    {
      testId: "chart-sessions",
      title: `Sessions per ${period}`,
      caption: "count, by model used (a session with two models counts under both)",
      unit: "sessions",
      values: sessionValues,
    },
    {
      testId: "chart-turns",
      title: `Turns per ${period}`,
      caption: "count, by the turn's model",
      unit: "turns",
      values: usageValues((u) => u.turns),
    },
    {
      testId: "chart-tokens",
      title: `Tokens per ${period}`,
      caption: "tokens, by the turn's model, as each client counts them",
      unit: `${kindLabel} tokens`,
      values: usageValues((u) => u[kind]),
      actions: <TokenKindPicker kind={kind} onChange={setKind} />,
    },
    {
      testId: "chart-cost",
      title: `Cost per ${period}`,
      caption: "USD as reported by the client (only Claude Code reports cost)",
      unit: "USD",
      values: usageValues((u) => u.cost_usd ?? 0),
      format: formatUsd,
      decimals: true,
      empty: !hasCost && "No client reported a cost in this range.",
    },
  ];

  return (
    <>
      {modelPanels.map((panel) => (
        <ChartCard
          key={panel.testId}
          testId={panel.testId}
          title={panel.title}
          caption={panel.caption}
          empty={noDays || panel.empty}
          actions={panel.actions}
        >
          <DayBarChart
            rows={rowsPer(period, modelDayRows(days, series, panel.values), series)}
            period={period}
            series={series}
            unit={panel.unit}
            format={panel.format ?? formatCount}
            integers={!panel.decimals}
            onBarClick={(row, s) => open(row, s.model ? { model: s.model } : {})}
            hint={`click: this ${period}'s sessions with this model`}
          />
        </ChartCard>
      ))}
      <ChartCard
        testId="chart-api-errors"
        title={`API errors per ${period}`}
        caption="failed model API attempts, by HTTP status"
        empty={noDays || (statuses.length === 0 && "No failed model API attempts in this range.")}
      >
        <DayBarChart
          rows={rowsPer(period, statusDayRows(days, statuses), statuses)}
          period={period}
          series={statuses}
          unit="errors"
          format={formatCount}
          onBarClick={(row) => open(row, { has_errors: true })}
          hint={`click: this ${period}'s sessions with errors`}
        />
      </ChartCard>
      <ChartCard
        testId="chart-labels"
        title={`Turn labels per ${period}`}
        caption="turns labeled good, bad, or not yet"
        empty={noDays}
      >
        <DayBarChart
          rows={rowsPer(
            period,
            days.map((day) => ({ day: day.day, since: day.since, until: day.until, ...day.labels })),
            LABEL_SERIES,
          )}
          period={period}
          series={LABEL_SERIES}
          unit="turns"
          format={formatCount}
          onBarClick={(row, s) => open(row, s.narrow)}
          hint={`click: this ${period}'s sessions (bad: those with a bad turn)`}
        />
      </ChartCard>
    </>
  );
}

function TokenKindPicker({ kind, onChange }: { kind: TokenKind; onChange: (kind: TokenKind) => void }) {
  return (
    <div
      role="group"
      aria-label="Token kind"
      className="flex overflow-hidden rounded border border-zinc-300 dark:border-zinc-700"
    >
      {TOKEN_KINDS.map((option) => (
        <button
          key={option.kind}
          type="button"
          aria-pressed={kind === option.kind}
          onClick={() => onChange(option.kind)}
          className={`px-1.5 py-0.5 ${kind === option.kind ? "bg-zinc-200 font-medium dark:bg-zinc-700" : "hover:bg-zinc-100 dark:hover:bg-zinc-800"}`}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}
