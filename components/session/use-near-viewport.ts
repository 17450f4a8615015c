"use client";
// Whether an element has come near the viewport yet (and then stays true). One shared observer for every
// turn card: a 2,000-turn session renders the heavy part of a turn only once it is about to be seen.
import { useEffect, useState, type RefObject } from "react";

/** About two screens ahead, so scrolling at reading speed never shows an empty card. */
const AHEAD = "1600px 0px";

const wakers = new WeakMap<Element, () => void>();
let observer: IntersectionObserver | null = null;

function shared(): IntersectionObserver {
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        wakers.get(entry.target)?.();
        observer?.unobserve(entry.target);
        wakers.delete(entry.target);
      }
    },
    { rootMargin: AHEAD },
  );
  return observer;
}

export function useNearViewport(ref: RefObject<Element | null>): boolean {
  const [near, setNear] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element || near) return;
    wakers.set(element, () => setNear(true));
    shared().observe(element);
    return () => {
      shared().unobserve(element);
      wakers.delete(element);
    };
  }, [ref, near]);
  return near;
}
