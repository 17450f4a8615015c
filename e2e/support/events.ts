// A live-updates subscriber as the UI's tabs are one: GET /api/events (Server-Sent Events) read as it streams,
// each `data:` line parsed into the ChangeEvent it carries (lib/events.ts), for tests that wait on one.
import type { ChangeEvent } from "@/lib/events";

export interface EventStream {
  /** Every event received so far, in order. */
  events: ChangeEvent[];
  /** The first event (already received or still to come) that `match` accepts. */
  next: (what: string, match: (event: ChangeEvent) => boolean, deadlineMs?: number) => Promise<ChangeEvent>;
  close: () => void;
}

/** Resolves once the server has said `: connected`, so the subscription is in place before the test acts. */
export async function openEventStream(
  ui: string,
  headers: Record<string, string> = {},
): Promise<EventStream> {
  const abort = new AbortController();
  const response = await fetch(`${ui}/api/events`, { headers, signal: abort.signal });
  if (response.status !== 200 || !response.body)
    throw new Error(`GET /api/events: HTTP ${response.status} ${await response.text()}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const events: ChangeEvent[] = [];
  const waiters = new Set<() => void>();
  let connected!: () => void;
  let ended!: (error: Error) => void;
  const ready = new Promise<void>((resolve, reject) => {
    connected = resolve;
    ended = reject;
  });
  let buffered = "";
  const pump = async (): Promise<void> => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return ended(new Error(`${ui}/api/events ended before it said it was connected`));
      buffered += value;
      const blocks = buffered.split("\n\n");
      buffered = blocks.pop()!;
      for (const block of blocks) {
        if (block.startsWith(": connected")) connected();
        for (const line of block.split("\n"))
          if (line.startsWith("data: ")) events.push(JSON.parse(line.slice(6)) as ChangeEvent);
      }
      for (const wake of waiters) wake();
    }
  };
  pump().catch((error: Error) => ended(error)); // an AbortError on close, after `ready` settled
  await ready;
  return {
    events,
    next: (what, match, deadlineMs = 60_000) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const found = events.find(match);
          if (!found) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`no ${what} on ${ui}/api/events; received ${JSON.stringify(events).slice(0, 800)}`),
          );
        }, deadlineMs);
        waiters.add(check);
        check();
      }),
    close: () => abort.abort(),
  };
}
