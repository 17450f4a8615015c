"use client";
// A function whose identity never changes but which always runs the latest render's version: lets memoized
// children (turn cards) take callbacks that read current state without re-rendering when that state changes.
import { useCallback, useLayoutEffect, useRef } from "react";

export function useStableHandler<Args extends unknown[], Result>(
  handler: (...args: Args) => Result,
): (...args: Args) => Result {
  const latest = useRef(handler);
  useLayoutEffect(() => {
    latest.current = handler;
  });
  return useCallback((...args: Args) => latest.current(...args), []);
}
