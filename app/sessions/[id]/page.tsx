// One session as a story of turns. `?turn=<id>` focuses that turn (the view keeps it up to date, so reload
// and shared links land there); `?q=terms` opens find with them and focuses the first matching turn.
import type { Metadata } from "next";
import { SessionView } from "@/components/session/session-view";

export const metadata: Metadata = { title: "Session · tracemark" };

export default async function SessionPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const { turn, q } = await searchParams;
  // Keyed by id: moving to another session starts a fresh view (focus, editor, scroll).
  return (
    <SessionView
      key={id}
      id={id}
      initialTurnId={typeof turn === "string" ? turn : null}
      initialQuery={typeof q === "string" && q.trim() !== "" ? q : null}
    />
  );
}
