// The gRPC port's TCP listener, ours rather than grpc-js's: it caps open connections and gives a new
// connection a deadline to send the HTTP/2 preface before handing it to grpc-js (which then applies its idle,
// age and keepalive limits). grpc-js alone kept preface-less connections forever (issue 12: 21,000 of them
// used up the descriptors).
import net from "node:net";
import * as grpc from "@grpc/grpc-js";

const PREFACE = Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");

export interface GrpcListenerBounds {
  maxConnections: number;
  handshakeTimeoutMs: number;
}

/** Reads until the client has sent the whole preface (then puts it back), or drops the connection when the
 * bytes are not a preface or do not arrive in time. */
function awaitPreface(socket: net.Socket, timeoutMs: number, onReady: () => void): void {
  let received = Buffer.alloc(0);
  const timer = setTimeout(() => socket.destroy(), timeoutMs);
  const onReadable = (): void => {
    let chunk: Buffer | null;
    while ((chunk = socket.read() as Buffer | null) !== null) received = Buffer.concat([received, chunk]);
    const prefix = received.subarray(0, PREFACE.length);
    if (!PREFACE.subarray(0, prefix.length).equals(prefix)) return void socket.destroy();
    if (received.length < PREFACE.length) return;
    clearTimeout(timer);
    socket.off("readable", onReadable);
    socket.unshift(received);
    onReady();
  };
  socket.on("readable", onReadable);
  socket.once("close", () => clearTimeout(timer));
}

/** Listens on host:port and feeds connections to `server`; resolves with the bound port and a closer. */
export function listenGrpc(
  server: grpc.Server,
  host: string,
  port: number,
  bounds: GrpcListenerBounds,
): Promise<{ port: number; close: () => void }> {
  const injector = server.createConnectionInjector(grpc.ServerCredentials.createInsecure());
  const tcp = net.createServer((socket) => {
    socket.on("error", () => socket.destroy());
    awaitPreface(socket, bounds.handshakeTimeoutMs, () => injector.injectConnection(socket));
  });
  tcp.maxConnections = bounds.maxConnections;
  return new Promise((resolve, reject) => {
    tcp.once("error", reject);
    tcp.listen(port, host, () => {
      tcp.off("error", reject);
      const close = (): void => {
        tcp.close();
        injector.destroy();
      };
      resolve({ port: (tcp.address() as net.AddressInfo).port, close });
    });
  });
}
