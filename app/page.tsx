// The sessions list. The list reads its filters from the URL, so it renders in the browser (inside
// Suspense, as useSearchParams requires for a prerendered page).
import type { Metadata } from "next";
import { Suspense } from "react";
import { SessionList } from "@/components/list/session-list";

export const metadata: Metadata = { title: "Sessions · tracemark" };

export default function SessionsPage() {
  return (
    <Suspense
      fallback={<main className="mx-auto max-w-6xl px-4 pt-4 text-sm text-zinc-500">Loading sessions…</main>}
    >
      <SessionList />
    </Suspense>
  );
}
