// GET /api/events: a Server-Sent Events stream of changes (sessions rebuilt, labels set) so every open tab
// updates without a reload. Each event is one ChangeEvent as JSON (lib/events.ts). A label event reaches a tab
// as such only when it is the tab's person's own label; another person's becomes a `sessions` event for its
// session, so the tab refetches and shows it among the others' labels (docs/team.md "People").
import { subscribe, type ChangeEvent } from "@/lib/events";
import { viewerOf } from "@/lib/users/current";

function forPerson(event: ChangeEvent, person: string | undefined): ChangeEvent {
  return event.type === "label" && person !== undefined && event.author !== person
    ? { type: "sessions", ids: [event.sessionId] }
    : event;
}

export const dynamic = "force-dynamic";

/** A comment line every 25 s keeps proxies and the browser from timing the stream out. */
const HEARTBEAT_MS = 25_000;

export function GET(request: Request): Response {
  const person = viewerOf(request);
  const encoder = new TextEncoder();
  let cleanup = (): void => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string): void => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const unsubscribe = subscribe((event) => send(`data: ${JSON.stringify(forPerson(event, person))}\n\n`));
      const heartbeat = setInterval(() => send(": keep-alive\n\n"), HEARTBEAT_MS);
      cleanup = () => {
        unsubscribe();
        clearInterval(heartbeat);
      };
      request.signal.addEventListener("abort", () => {
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
      send(": connected\n\n");
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: { "Content-Type": "text/event-stream", "Cache-Control": "no-store", Connection: "keep-alive" },
  });
}
