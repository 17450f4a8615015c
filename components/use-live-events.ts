"use client";
// Subscribes views to /api/events (Server-Sent Events), one shared stream per page. The browser reconnects by
// itself; after a reconnect every view is told to refetch, since events sent while the stream was down are gone.
import { useCallback, useEffect, useRef } from "react";
import type { ChangeEvent } from "@/lib/events";

export type LiveEvent = ChangeEvent;

interface Subscriber {
  onEvent: (event: LiveEvent) => void;
  onReconnect: () => void;
}

/**
 * One stream per page, shared by every subscriber: a browser allows ~6 connections per host over HTTP/1.1,
 * and one EventSource per component (the Connect page has an indicator per client) would use them all up,
 * leaving fetches and navigations queued behind them.
 */
const subscribers = new Set<Subscriber>();
let shared: EventSource | null = null;

function openStream(): EventSource {
  const source = new EventSource("/api/events");
  let dropped = false;
  source.onmessage = (message: MessageEvent<string>) => {
    let event: LiveEvent;
    try {
      event = JSON.parse(message.data) as LiveEvent;
    } catch {
      return; // a malformed event is skipped; the next one or a reconnect brings the views up to date
    }
    for (const subscriber of subscribers) subscriber.onEvent(event);
  };
  source.onerror = () => {
    dropped = true;
  };
  source.onopen = () => {
    if (dropped) for (const subscriber of subscribers) subscriber.onReconnect();
    dropped = false;
  };
  return source;
}

export function useLiveEvents(onEvent: (event: LiveEvent) => void, onReconnect: () => void): void {
  const handlers = useRef({ onEvent, onReconnect });
  useEffect(() => {
    handlers.current = { onEvent, onReconnect };
  });

  useEffect(() => {
    const subscriber: Subscriber = {
      onEvent: (event) => handlers.current.onEvent(event),
      onReconnect: () => handlers.current.onReconnect(),
    };
    subscribers.add(subscriber);
    shared ??= openStream();
    return () => {
      subscribers.delete(subscriber);
      if (subscribers.size === 0) {
        shared?.close();
        shared = null;
      }
    };
  }, []);
}

/**
 * A debounced callback: bursts of events (an agent streaming a turn) become one refetch. It still runs at
 * least every `maxWaitMs` while events keep coming, so a view on a busy server is not starved of updates.
 */
export function useDebounced(callback: () => void, delayMs: number, maxWaitMs = 4 * delayMs): () => void {
  const latest = useRef(callback);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const firstAt = useRef<number | null>(null);
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
    firstAt.current ??= Date.now();
    const wait = Math.max(0, Math.min(delayMs, firstAt.current + maxWaitMs - Date.now()));
    timer.current = setTimeout(() => {
      timer.current = null;
      firstAt.current = null;
      latest.current();
    }, wait);
  }, [delayMs, maxWaitMs]);
}
