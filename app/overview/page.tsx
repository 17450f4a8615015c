// The Overview: activity, tokens, cost, tools, latency, errors and labels over a time range and client,
// every chart linking to the sessions behind it. Reads its scope from the URL, so it renders in the browser
// (inside Suspense, as useSearchParams requires).
import { Suspense } from "react";
import { OverviewView } from "@/components/overview/overview-view";

export const metadata = { title: "Overview · tracemark" };

export default function OverviewPage() {
  return (
    <Suspense
      fallback={
        <main className="mx-auto max-w-6xl px-4 pt-4 text-sm text-zinc-500">Loading the overview…</main>
      }
    >
      <OverviewView />
    </Suspense>
  );
}
