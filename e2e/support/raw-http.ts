// Exact bytes on a socket, for requests fetch() and http.request would normalize or refuse: odd path spellings,
// malformed cookies and headers, upgrade requests. Resolves with what came back and whether the server closed.
import net from "node:net";

export interface RawAnswer {
  /** The status code of the first response line, or null when nothing came back. */
  status: number | null;
  head: string;
  body: string;
  /** The server closed the socket (or reset it) before the deadline. */
  closed: boolean;
}

/** Sends `request` (a whole HTTP/1.1 message) and waits until the server closes the socket or `deadlineMs`. */
export function rawExchange(port: number, request: string | Buffer, deadlineMs = 20_000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (closed: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString("latin1");
      const split = text.indexOf("\r\n\r\n");
      const head = split === -1 ? text : text.slice(0, split);
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1];
      resolve({
        status: status ? Number(status) : null,
        head,
        body: split === -1 ? "" : text.slice(split + 4),
        closed,
      });
    };
    const timer = setTimeout(() => finish(false), deadlineMs);
    socket.on("connect", () => socket.write(request));
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("end", () => finish(true));
    socket.on("close", () => finish(true));
    socket.on("error", () => finish(true));
  });
}

/** A GET (or other bodiless request) with exact path and extra header lines, `Connection: close`. */
export function rawRequestText(
  port: number,
  method: string,
  target: string,
  headers: string[] = [],
  body = "",
): string {
  const lines = [`${method} ${target} HTTP/1.1`, `Host: 127.0.0.1:${port}`, "Connection: close", ...headers];
  if (body) lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  return `${lines.join("\r\n")}\r\n\r\n${body}`;
}
