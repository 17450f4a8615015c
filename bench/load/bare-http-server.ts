// The HTTP ceiling (bench/limit.ts "b"): a bare node:http server on a free loopback port that reads each
// body and answers 200 with an empty Export*ServiceResponse. Exits when its stdin closes or after a while.
import http from "node:http";
import type { AddressInfo } from "node:net";

/** A bench run never needs the ceiling server longer than this; it must not outlive a crashed bench. */
const MAX_LIFETIME_MS = 10 * 60_000;

const server = http.createServer((req, res) => {
  req.on("data", () => {});
  req.on("end", () => {
    const json = (req.headers["content-type"] ?? "").includes("json");
    const payload = json ? "{}" : ""; // an empty protobuf message is zero bytes
    res.writeHead(200, {
      "Content-Type": json ? "application/json" : "application/x-protobuf",
      "Content-Length": payload.length,
    });
    res.end(payload);
  });
});

server.listen(0, "127.0.0.1", () => {
  console.log(`bare http server listening on port ${(server.address() as AddressInfo).port}`);
});

const stop = (): void => {
  server.close();
  server.closeAllConnections();
  process.exit(0);
};
process.stdin.on("end", stop);
process.stdin.resume();
setTimeout(stop, MAX_LIFETIME_MS).unref();
