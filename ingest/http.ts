// OTLP/HTTP: POST /v1/{logs,traces,metrics} as protobuf or JSON, identity/gzip/deflate, on a bare node:http
// listener (Next's route handlers are ~30× slower, STACK.md). Also mounted on the UI port for one-port setups.
import type { IncomingMessage, ServerResponse } from "node:http";
import zlib from "node:zlib";
import type { Signal } from "@/db/telemetry";
import type { BodyClaim, IngestBudget } from "./budget";
import { IngestError } from "./errors";
import { encodeExportResponse, encodeRpcStatus } from "./otlp/encode-response";
import type { OtlpEncoding } from "./otlp/decode";
import type { Receiver } from "./receiver";

export const OTLP_PATHS: Record<string, Signal> = {
  "/v1/logs": "logs",
  "/v1/traces": "traces",
  "/v1/metrics": "metrics",
};

const CONTENT_TYPES: Record<string, OtlpEncoding> = {
  "application/x-protobuf": "protobuf",
  "application/protobuf": "protobuf",
  "application/json": "json",
};

export interface OtlpHttpOptions {
  maxBodyBytes: number;
  /** Origins allowed to send OTLP from a browser (CORS); empty = none. */
  corsOrigins: readonly string[];
  /** Whether the request's headers carry the token (always true when no token is configured). */
  authorize: (headers: Record<string, string | string[] | undefined>) => boolean;
  /** Shared with gRPC: body bytes in memory and requests being processed. */
  budget: IngestBudget;
}

export function isOtlpPath(url: string | undefined): boolean {
  return (url ?? "").split("?")[0]! in OTLP_PATHS;
}

export function createOtlpHttpHandler(receiver: Receiver, options: OtlpHttpOptions) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    let encoding: OtlpEncoding = "json";
    const claim = options.budget.claim();
    res.once("close", () => claim.release());
    handle(req, res, receiver, options, claim, (e) => (encoding = e)).catch((error: unknown) => {
      claim.release();
      sendError(res, encoding, error);
      req.resume(); // drain what is left so the connection can be reused or closed cleanly
    });
  };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  receiver: Receiver,
  options: OtlpHttpOptions,
  claim: BodyClaim,
  setEncoding: (encoding: OtlpEncoding) => void,
): Promise<void> {
  const signal = OTLP_PATHS[(req.url ?? "").split("?")[0]!];
  if (!signal)
    throw new IngestError("not-found", `no OTLP route ${req.url}; use /v1/logs, /v1/traces or /v1/metrics`);
  checkOrigin(req, res, options.corsOrigins);
  if (req.method === "OPTIONS") {
    res.writeHead(204).end();
    return;
  }
  if (!options.authorize(req.headers)) {
    throw new IngestError(
      "unauthorized",
      "this tracemark requires its token: send Authorization: Bearer <token>",
    );
  }
  if (req.method !== "POST") {
    res.setHeader("Allow", "POST");
    throw new IngestError("method", `${req.method} is not allowed on ${req.url}; OTLP/HTTP uses POST`);
  }
  const mediaType = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  const encoding = CONTENT_TYPES[mediaType];
  if (!encoding) {
    throw new IngestError(
      "unsupported-media",
      `unsupported content type "${mediaType}"; send application/x-protobuf or application/json`,
    );
  }
  setEncoding(encoding);
  const contentEncoding = (req.headers["content-encoding"] ?? "identity").toLowerCase();
  const body = await readBody(req, contentEncoding, options.maxBodyBytes, claim);
  claim.startProcessing(); // a slot only once the body is complete: slow senders hold none
  const result = await receiver.receive({
    signal,
    encoding,
    transport: "http",
    contentEncoding: contentEncoding === "identity" ? null : contentEncoding,
    userAgent: req.headers["user-agent"] ?? null,
    body,
  });
  const payload = encodeExportResponse(signal, encoding, result.rejected, result.rejectionMessage);
  res.writeHead(200, { "Content-Type": contentTypeOf(encoding), "Content-Length": payload.length });
  res.end(payload);
}

/** Browsers send Origin on cross-origin requests; OTLP clients don't. Refuse any origin not allowed. */
function checkOrigin(req: IncomingMessage, res: ServerResponse, allowed: readonly string[]): void {
  const origin = req.headers.origin;
  if (origin === undefined) return;
  if (!allowed.includes(origin)) {
    throw new IngestError("forbidden", `cross-origin OTLP requests from ${origin} are not allowed`);
  }
  res.setHeader("Access-Control-Allow-Origin", origin);
  res.setHeader("Access-Control-Allow-Methods", "POST");
  res.setHeader("Access-Control-Allow-Headers", "Content-Type, Content-Encoding, Authorization");
  res.setHeader("Vary", "Origin");
}

function decompressor(contentEncoding: string): zlib.Gunzip | zlib.Inflate | null {
  if (contentEncoding === "identity") return null;
  if (contentEncoding === "gzip" || contentEncoding === "x-gzip") return zlib.createGunzip();
  if (contentEncoding === "deflate") return zlib.createInflate();
  throw new IngestError(
    "unsupported-media",
    `unsupported Content-Encoding "${contentEncoding}"; use gzip, deflate or identity`,
  );
}

/**
 * Reads the body, decompressing as it streams, and stops as soon as either the wire bytes or the expanded
 * bytes pass the limit, or the expanded bytes would pass the shared budget: a gzip bomb never sits in memory.
 */
export function readBody(
  req: IncomingMessage,
  contentEncoding: string,
  limit: number,
  claim: BodyClaim,
): Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? NaN);
  if (declared > limit) {
    return Promise.reject(
      new IngestError("too-large", `body of ${declared} bytes is over the ${limit}-byte limit`),
    );
  }
  const inflater = decompressor(contentEncoding);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let wire = 0;
    let expanded = 0;
    let done = false;
    const fail = (error: Error): void => {
      if (done) return;
      done = true;
      inflater?.destroy();
      reject(error);
    };
    const tooLarge = (what: string): IngestError =>
      new IngestError("too-large", `${what} is over the ${limit}-byte limit`);
    const sink = inflater ?? req;
    if (inflater) {
      inflater.on("error", (error) =>
        fail(new IngestError("bad-request", `cannot decompress body: ${error.message}`)),
      );
      req.on("data", (chunk: Buffer) => {
        wire += chunk.length;
        if (wire > limit) fail(tooLarge("body"));
        else inflater.write(chunk);
      });
      req.on("end", () => inflater.end());
    }
    sink.on("data", (chunk: Buffer) => {
      if (done) return;
      expanded += chunk.length;
      if (expanded > limit) return fail(tooLarge(inflater ? "decompressed body" : "body"));
      try {
        claim.grow(chunk.length);
      } catch (error) {
        return fail(error as Error);
      }
      chunks.push(chunk);
    });
    sink.on("end", () => {
      if (done) return;
      done = true;
      resolve(Buffer.concat(chunks, expanded));
    });
    req.on("error", fail);
    req.on("aborted", () => fail(new IngestError("bad-request", "client aborted the request")));
  });
}

function contentTypeOf(encoding: OtlpEncoding): string {
  return encoding === "json" ? "application/json" : "application/x-protobuf";
}

function sendError(res: ServerResponse, encoding: OtlpEncoding, error: unknown): void {
  const known = error instanceof IngestError ? error : null;
  if (!known) console.error("tracemark: OTLP/HTTP request failed:", error);
  const status = known?.httpStatus ?? 500;
  const message = known?.message ?? "internal error";
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const payload = encodeRpcStatus(encoding, known?.grpcStatus ?? 13, message);
  const headers: Record<string, string | number> = {
    "Content-Type": contentTypeOf(encoding),
    "Content-Length": payload.length,
  };
  if (known?.retryAfter !== undefined) headers["Retry-After"] = known.retryAfter;
  // The rest of a refused body is not worth reading: close instead of draining it.
  if (status === 413 || status === 429) headers.Connection = "close";
  res.writeHead(status, headers);
  res.end(payload);
}
