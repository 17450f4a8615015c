"use client";
// Keeps the focused turn on screen. A turn taller than most of the screen is aligned at its top (where its
// prompt is); others move the least distance needed.
import { useEffect } from "react";

export function useScrollIntoView(elementId: string | null): void {
  useEffect(() => {
    if (elementId === null) return;
    const element = document.getElementById(elementId);
    if (!element) return;
    const tall = element.getBoundingClientRect().height > window.innerHeight * 0.7;
    element.scrollIntoView({ block: tall ? "start" : "nearest" });
  }, [elementId]);
}
