"use client";
// Says so on every page when tracemark cannot store what agents send (disk full, data dir not writable):
// ingest answers 503 meanwhile and recovers by itself once space returns.
import { useEffect, useState } from "react";

/** Often enough to notice within a prompt or two, rare enough to cost nothing. */
const POLL_MS = 10_000;

export function StorageBanner() {
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let stopped = false;
    const check = async (): Promise<void> => {
      try {
        const response = await fetch("/api/stats", { cache: "no-store" });
        const stats = (await response.json()) as { storage_error?: string | null };
        if (!stopped) setProblem(stats.storage_error ?? null);
      } catch {
        // the server is unreachable: pages say so where they fetch
      }
    };
    void check();
    const timer = setInterval(() => void check(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, []);
  if (!problem) return null;
  return (
    <div
      role="alert"
      data-testid="storage-banner"
      className="border-b border-red-300 bg-red-50 px-4 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
    >
      <strong>tracemark cannot store new telemetry:</strong> {problem}. Agents are told to retry (HTTP 503);
      ingest resumes by itself once there is space again. Nothing already stored is affected.
    </div>
  );
}
