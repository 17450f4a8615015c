// GET /api/events: a Server-Sent Events stream of changes (sessions rebuilt, labels set) so every open tab
// updates without a reload. Each event is one ChangeEvent as JSON (lib/events.ts).
import { subscribe } from "@/lib/events";

export const dynamic = "force-dynamic";

/** A comment line every 25 s keeps proxies and the browser from timing the stream out. */
const HEARTBEAT_MS = 25_000;

export function GET(request: Request): Response {
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
      const unsubscribe = subscribe((event) => send(`data: ${JSON.stringify(event)}\n\n`));
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
