"use client";
// Continuous scrolling: when this marker at the end of the list comes within a screen of the viewport, the
// next page loads. Re-observed after every load, so a page that does not fill the screen loads the next one.
import { useEffect, useRef } from "react";

/** How far below the viewport the next page starts loading: about a screen, so scrolling rarely waits. */
const AHEAD = "0px 0px 800px 0px";

export function LoadMoreSentinel({
  loading,
  remaining,
  onVisible,
}: {
  loading: boolean;
  remaining: number;
  onVisible: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element || loading) return undefined;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) onVisible();
      },
      { rootMargin: AHEAD },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [loading, onVisible]);
  return (
    <div
      ref={ref}
      data-testid="list-more"
      className="py-4 text-center text-sm text-zinc-500"
      aria-live="polite"
    >
      {loading ? "Loading more sessions…" : `${remaining} more`}
    </div>
  );
}
