"use client";
// Moving from one session view to another (`]`, `[`, `u`, a link, Back): each move starts a hold
// (held-keys.ts) at once, so keys typed while the next session loads wait for it; a move that cannot
// happen drops them and says which keys were not applied.
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import type { SessionDetail } from "@/lib/shared/views";
import { errorText, getReviewNext } from "../api";
import { readListFilter, recalledListQuery, toApiQuery } from "../list-filter";
import { findAdjacentSession } from "../session-order";
import { cancelHold, describeKeys, retargetHold, startHold } from "./held-keys";

export const sessionPath = (sessionId: string, turnId?: string): string =>
  `/sessions/${encodeURIComponent(sessionId)}${turnId ? `?turn=${encodeURIComponent(turnId)}` : ""}`;

/** The list filter the person last used in this tab, as API parameters. */
const reviewFilter = (): URLSearchParams =>
  toApiQuery(readListFilter(new URLSearchParams(recalledListQuery())));

/** The session a same-origin URL opens, or null. */
export function sessionIdOfUrl(href: string): string | null {
  const url = new URL(href, window.location.href);
  if (url.origin !== window.location.origin) return null;
  const match = /^\/sessions\/([^/]+)$/.exec(url.pathname);
  return match ? decodeURIComponent(match[1]!) : null;
}

interface Options {
  id: string;
  session: SessionDetail["session"] | null;
  focus: () => string | null;
  focusTurn: (turnId: string) => void;
  settled: () => Promise<void>;
  showToast: (text: string, kind?: "error" | "info") => void;
  /** `u` walks in triage order (likely bad first) instead of time order. */
  order?: "time" | "triage";
}

export function useSessionNavigation({
  id,
  session,
  focus,
  focusTurn,
  settled,
  showToast,
  order = "time",
}: Options) {
  const router = useRouter();
  const giveUp = (message: string, kind: "error" | "info"): void => {
    const dropped = cancelHold();
    showToast(dropped.length > 0 ? `${message} Not applied: ${describeKeys(dropped)}.` : message, kind);
  };

  const nextUnlabeled = async (): Promise<void> => {
    startHold(id);
    try {
      await settled(); // the server must know about labels still being saved
      const filter = reviewFilter();
      const after = focus();
      let next = await getReviewNext(filter, after ?? undefined, order);
      if ("done" in next && after !== null) next = await getReviewNext(filter, undefined, order); // wrap to the top
      if ("done" in next) return giveUp("Every turn in this list is labeled.", "info");
      if (next.session_id === id) focusTurn(next.turn_id);
      else router.push(sessionPath(next.session_id, next.turn_id));
      retargetHold(next.session_id);
    } catch (error) {
      giveUp(`Could not find the next unlabeled turn: ${errorText(error)}.`, "error");
    }
  };

  const adjacentSession = async (direction: "older" | "newer"): Promise<void> => {
    if (!session) return;
    startHold(id);
    try {
      const target = await findAdjacentSession(session, direction, reviewFilter());
      if (!target)
        return giveUp(
          direction === "older"
            ? "This is the oldest session in the list."
            : "This is the newest session in the list.",
          "info",
        );
      router.push(sessionPath(target));
      retargetHold(target);
    } catch (error) {
      giveUp(`Could not find the ${direction} session: ${errorText(error)}.`, "error");
    }
  };

  // A link to another session, or Back/Forward to one: keys typed meanwhile are for that session.
  useEffect(() => {
    const onClick = (event: MouseEvent): void => {
      if (event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey)
        return;
      const anchor = event.target instanceof Element ? event.target.closest("a[href]") : null;
      const target = anchor ? sessionIdOfUrl(anchor.getAttribute("href")!) : null;
      if (target !== null && target !== id) startHold(id, target);
    };
    const onPopState = (): void => {
      const target = sessionIdOfUrl(window.location.href);
      if (target !== null && target !== id) startHold(id, target);
    };
    document.addEventListener("click", onClick);
    window.addEventListener("popstate", onPopState);
    return () => {
      document.removeEventListener("click", onClick);
      window.removeEventListener("popstate", onPopState);
    };
  }, [id]);

  return { nextUnlabeled, adjacentSession };
}
