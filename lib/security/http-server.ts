// What every tracemark HTTP listener does before any route sees a request: a request listener that always
// answers (an exception becomes a 500 and the socket is closed), refused upgrades, and connection bounds.
// Route decisions (Host, Origin, token) stay in guard.ts; this module owns only the socket-level promises.
import type http from "node:http";
import type { Duplex } from "node:stream";

type Listener = (req: http.IncomingMessage, res: http.ServerResponse) => unknown;

/** Answers whatever reached the listener when the handler threw or rejected, then drops the connection. */
function failSafe(req: http.IncomingMessage, res: http.ServerResponse, error: unknown): void {
  console.error(`tracemark: request ${req.method ?? "?"} failed before an answer:`, error);
  if (!res.headersSent) {
    res.writeHead(500, { "Content-Type": "text/plain", Connection: "close" });
    res.end("internal error");
  }
  res.once("finish", () => req.socket.destroy());
  if (res.headersSent && !res.writableEnded) req.socket.destroy();
}

/** Wraps a request listener so that no exception, sync or async, leaves a request unanswered. */
export function answerAlways(listener: Listener): Listener {
  return (req, res) => {
    try {
      const result = listener(req, res);
      if (result instanceof Promise) result.catch((error: unknown) => failSafe(req, res, error));
    } catch (error) {
      failSafe(req, res, error);
    }
  };
}

/** No route wants a WebSocket or any other upgrade: answer 400 and destroy the socket, so nothing is left in
 * CLOSE-WAIT and shutdown is not held up by a connection the server no longer tracks. */
function refuseUpgrade(_req: http.IncomingMessage, socket: Duplex): void {
  socket.on("error", () => socket.destroy());
  const text = "tracemark accepts no upgrades\n";
  socket.end(
    `HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${text.length}\r\n\r\n${text}`,
    () => socket.destroy(),
  );
  setTimeout(() => socket.destroy(), 1_000).unref(); // a peer that never reads cannot keep it either
}

export interface HttpBounds {
  /** A whole request (headers and body) must arrive within this. */
  requestTimeoutMs: number;
  headersTimeoutMs: number;
  /** Open connections on this listener; more are closed at once, so descriptors cannot run out. */
  maxConnections: number;
}

export function hardenHttpServer(server: http.Server, bounds: HttpBounds): void {
  server.requestTimeout = bounds.requestTimeoutMs;
  server.headersTimeout = bounds.headersTimeoutMs;
  server.maxConnections = bounds.maxConnections;
  server.on("upgrade", refuseUpgrade);
}
