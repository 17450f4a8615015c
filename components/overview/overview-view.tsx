"use client";
// The Overview page: scope from the URL (range, client), one /api/overview request per scope, refreshed when
// sessions or labels change, and every panel under it.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { Overview } from "@/lib/overview/types";
import { errorText } from "../api";
import { useDebounced, useLiveEvents } from "../use-live-events";
import { ChartCard } from "./chart-card";
import { DailyPanels } from "./daily-panels";
import { AgreementPanel } from "./agreement-panel";
import { BadReasonsPanel } from "./bad-reasons-panel";
import { LabelSkewPanel } from "./label-skew-panel";
import { LatencyPanel } from "./latency-panel";
import { MetricsOnlyPanel } from "./metrics-only-panel";
import {
  getOverview,
  readOverviewState,
  toOverviewApiQuery,
  toOverviewUrlQuery,
  type OverviewState,
} from "./overview-query";
import { OverviewToolbar } from "./overview-toolbar";
import { ToolPanels } from "./tool-panels";
import { ModelTable, Totals } from "./totals";

/** Ingest comes in bursts; one refetch per quiet second is plenty for aggregates. */
const REFRESH_DEBOUNCE_MS = 1_000;

interface Loaded {
  query: string;
  overview: Overview | null;
  error: string | null;
}

export function OverviewView() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const urlQuery = useMemo(
    () => toOverviewUrlQuery(readOverviewState(new URLSearchParams(params.toString()))),
    [params],
  );
  const state = useMemo(() => readOverviewState(new URLSearchParams(urlQuery)), [urlQuery]);
  const [loaded, setLoaded] = useState<Loaded>({ query: "", overview: null, error: null });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    getOverview(toOverviewApiQuery(state)).then(
      (overview) => current && setLoaded({ query: urlQuery, overview, error: null }),
      (error: unknown) =>
        current && setLoaded((previous) => ({ ...previous, query: urlQuery, error: errorText(error) })),
    );
    return () => {
      current = false;
    };
  }, [state, urlQuery, generation]);

  const refresh = useCallback(() => setGeneration((n) => n + 1), []);
  useLiveEvents(useDebounced(refresh, REFRESH_DEBOUNCE_MS), refresh);

  const setState = (next: OverviewState): void => {
    const query = toOverviewUrlQuery(next);
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };

  const { overview, error } = loaded;
  const loading = loaded.query !== urlQuery;
  return (
    <main className="mx-auto max-w-6xl px-4 pb-16">
      <div className="flex flex-wrap items-center gap-3 pt-4 pb-3">
        <h1 className="text-lg font-semibold">Overview</h1>
        {loading && <span className="text-sm text-zinc-500">loading…</span>}
        <OverviewToolbar state={state} onChange={setState} />
      </div>
      {error && (
        <p
          role="alert"
          className="my-2 rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
        >
          Could not load the overview: {error}
        </p>
      )}
      {!overview && !error && <OverviewLoading />}
      {overview && (
        <div data-testid="overview" className={`space-y-3 ${loading ? "opacity-60" : ""}`}>
          <Totals overview={overview} />
          <div className="grid gap-3 lg:grid-cols-2">
            <DailyPanels overview={overview} />
            <ChartCard
              testId="models"
              title="Usage by model"
              caption="turns, tokens and cost by the turn's model"
              empty={overview.models.length === 0 && "No turns in this range."}
              wide
            >
              <ModelTable overview={overview} />
            </ChartCard>
            <LatencyPanel overview={overview} />
            <ToolPanels overview={overview} />
            <LabelSkewPanel overview={overview} />
            <MetricsOnlyPanel overview={overview} />
            <BadReasonsPanel overview={overview} />
            <AgreementPanel overview={overview} />
          </div>
        </div>
      )}
    </main>
  );
}

/** Until the first answer: placeholders shaped like the panels, so the page is never blank. */
function OverviewLoading() {
  return (
    <div
      data-testid="overview-loading"
      role="status"
      aria-busy="true"
      aria-label="Loading the overview"
      className="space-y-3"
    >
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {[0, 1, 2, 3].map((i) => (
          <div
            key={i}
            className="h-16 animate-pulse rounded border border-zinc-200 bg-zinc-100 dark:border-zinc-800 dark:bg-zinc-900"
          />
        ))}
      </div>
      <div className="grid gap-3 lg:grid-cols-2">
        {[0, 1, 2, 3].map((i) => (
          <div
            key={i}
            className="h-56 animate-pulse rounded border border-zinc-200 bg-zinc-100 dark:border-zinc-800 dark:bg-zinc-900"
          />
        ))}
      </div>
      <p className="text-sm text-zinc-500">Loading the overview…</p>
    </div>
  );
}
