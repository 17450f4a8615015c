"use client";
// Subscribes a view to /api/events (Server-Sent Events). The browser reconnects by itself; after a
// reconnect the view is told to refetch, since events sent while the stream was down are gone.
import { useCallback, useEffect, useRef } from "react";
import type { ChangeEvent } from "@/lib/events";

export type LiveEvent = ChangeEvent;

export function useLiveEvents(onEvent: (event: LiveEvent) => void, onReconnect: () => void): void {
  const handlers = useRef({ onEvent, onReconnect });
  useEffect(() => {
    handlers.current = { onEvent, onReconnect };
  });

  useEffect(() => {
    const source = new EventSource("/api/events");
    let dropped = false;
    source.onmessage = (message: MessageEvent<string>) => {
      try {
        handlers.current.onEvent(JSON.parse(message.data) as LiveEvent);
      } catch {
        // a malformed event is skipped; the next one or a reconnect brings the view up to date
      }
    };
    source.onerror = () => {
      dropped = true;
    };
    source.onopen = () => {
      if (dropped) handlers.current.onReconnect();
      dropped = false;
    };
    return () => source.close();
  }, []);
}

/** A debounced callback: bursts of events (an agent streaming a turn) become one refetch. */
export function useDebounced(callback: () => void, delayMs: number): () => void {
  const latest = useRef(callback);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    latest.current = callback;
  });
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      latest.current();
    }, delayMs);
  }, [delayMs]);
}
