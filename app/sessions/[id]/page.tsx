// One session as a story of turns. `?turn=<id>` focuses that turn (the view keeps it up to date, so reload
// and shared links land there); `?q=terms` opens find with them and focuses the first matching turn.
// The page preloads the view's first request (the outline), so it runs while the page's scripts load instead
// of after them; the view's own fetch of the same URL takes the preloaded answer.
import type { Metadata } from "next";
import { preload } from "react-dom";
import { sessionOutlinePath } from "@/components/api";
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
  const initialTurnId = typeof turn === "string" ? turn : null;
  // crossOrigin "anonymous": the credentials mode of a same-origin fetch(), so the two requests match.
  preload(sessionOutlinePath(id, initialTurnId), { as: "fetch", crossOrigin: "anonymous" });
  // Keyed by id: moving to another session starts a fresh view (focus, editor, scroll).
  return (
    <SessionView
      key={id}
      id={id}
      initialTurnId={initialTurnId}
      initialQuery={typeof q === "string" && q.trim() !== "" ? q : null}
    />
  );
}
