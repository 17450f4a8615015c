"use client";
// A chart drawn once its place comes near the viewport: a year of the Overview's panels drawn at once kept the
// page busy for seconds (recharts renders and measures every panel), so those below the fold wait until the
// reader scrolls towards them. Written here: a dozen lines over IntersectionObserver, no library needed.
import { useEffect, useRef, useState, type ReactNode } from "react";

/** How far below (and above) the viewport a chart starts drawing, so scrolling at reading speed finds it drawn. */
const AHEAD = "240px 0px";

export function WhenNear({ height, children }: { height: number; children: ReactNode }) {
  const place = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const element = place.current;
    if (near || !element) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        observer.disconnect();
        setNear(true);
      },
      { rootMargin: AHEAD },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [near]);
  if (near) return children;
  return <div ref={place} data-testid="chart-pending" aria-hidden="true" style={{ height }} />;
}
