"use client";
// The live "does it work?" indicator per client: last data N ago and sessions, refreshed as data arrives.
import { useCallback, useEffect, useState } from "react";
import { formatRelative } from "@/components/format";
import { useLiveEvents } from "@/components/use-live-events";
import { useNow } from "@/components/use-now";
import type { ClientActivity } from "@/lib/connect/activity";

/** Polls as a fallback: metrics-only traffic makes no session events. */
const POLL_MS = 5_000;

export function ClientStatus({ client, initial }: { client: string; initial: ClientActivity | undefined }) {
  const [activity, setActivity] = useState(initial);
  const now = useNow();
  const refresh = useCallback(async () => {
    const response = await fetch("/api/clients", { cache: "no-store" });
    if (!response.ok) return;
    const body = (await response.json()) as { clients: ClientActivity[] };
    setActivity(body.clients.find((entry) => entry.client === client));
  }, [client]);
  useLiveEvents(
    () => void refresh(),
    () => void refresh(),
  );
  useEffect(() => {
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  if (!activity?.last_seen_at) {
    return (
      <p data-testid={`client-status-${client}`} className="text-sm text-zinc-500">
        <span aria-hidden className="mr-1 inline-block h-2 w-2 rounded-full bg-zinc-400" />
        No data yet
      </p>
    );
  }
  return (
    <p data-testid={`client-status-${client}`} className="text-sm text-emerald-700 dark:text-emerald-400">
      <span aria-hidden className="mr-1 inline-block h-2 w-2 rounded-full bg-emerald-500" />
      Last data {formatRelative(activity.last_seen_at, now)},{" "}
      {activity.metrics_only ? (
        <>
          metrics only: no sessions (it sends no prompts or session id); its tokens and cost are in the{" "}
          <a href="/overview" className="underline">
            Overview
          </a>
        </>
      ) : (
        <>
          {activity.sessions} session{activity.sessions === 1 ? "" : "s"}
        </>
      )}
    </p>
  );
}
