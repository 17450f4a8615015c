// One "send" = one export acknowledged by the server, timed from the first attempt to the ack. Raw senders
// POST bodies over keep-alive HTTP or call gRPC Export; like OTel exporters they retry 429/503/UNAVAILABLE.
import http from "node:http";
import { GrpcExporter } from "../../e2e/support/replay";
import { nowMs, sleep } from "../stats";
import type { Body } from "./bodies";

export interface Sent {
  records: number;
  latencyMs: number;
  retries: number;
}

export interface Sender {
  send: () => Promise<Sent>;
  close: () => Promise<void>;
}

/** Exporters give up after ~5 attempts (otlp-exporter-base retrying-transport); so do we. */
const MAX_ATTEMPTS = 5;
/** Back-off when a 429/503 carries no Retry-After. */
const DEFAULT_RETRY_MS = 1_000;
/** gRPC UNAVAILABLE (14) is what tracemark answers when busy or when the archive is not writable;
 * RESOURCE_EXHAUSTED (8, with RetryInfo) when bodies in flight are over the memory budget. */
const GRPC_RETRYABLE = new Set([8, 14]);

function post(
  agent: http.Agent,
  url: URL,
  contentType: string,
  body: Buffer,
): Promise<{ status: number; retryAfter: number | null }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: "POST",
        agent,
        headers: {
          "content-type": contentType,
          "content-length": body.length,
          "user-agent": "tracemark-bench",
        },
      },
      (response) => {
        response.resume();
        response.on("end", () => {
          const retryAfter = Number(response.headers["retry-after"]);
          resolve({
            status: response.statusCode ?? 0,
            retryAfter: Number.isFinite(retryAfter) ? retryAfter * 1000 : null,
          });
        });
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

/** POSTs `next()` bodies to an OTLP/HTTP logs endpoint over `concurrency` keep-alive connections. */
export function httpSender(
  endpoint: string,
  contentType: string,
  concurrency: number,
  next: () => Body,
): Sender {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const url = new URL(endpoint);
  return {
    async send() {
      const { body, records } = next();
      const start = nowMs();
      for (let attempt = 1; ; attempt++) {
        const { status, retryAfter } = await post(agent, url, contentType, body);
        if (status === 200) return { records, latencyMs: nowMs() - start, retries: attempt - 1 };
        if ((status !== 429 && status !== 503) || attempt >= MAX_ATTEMPTS)
          throw new Error(`HTTP ${status} from ${endpoint}`);
        await sleep(retryAfter ?? DEFAULT_RETRY_MS);
      }
    },
    close: () => {
      agent.destroy();
      return Promise.resolve();
    },
  };
}

/** Calls LogsService/Export with `next()` bodies over one HTTP/2 channel (like an exporter's channel). */
export function grpcSender(address: string, next: () => Body): Sender {
  const client = new GrpcExporter(address);
  return {
    async send() {
      const { body, records } = next();
      const start = nowMs();
      for (let attempt = 1; ; attempt++) {
        try {
          await client.export("logs", body);
          return { records, latencyMs: nowMs() - start, retries: attempt - 1 };
        } catch (error) {
          if (!GRPC_RETRYABLE.has((error as { code?: number }).code ?? 0) || attempt >= MAX_ATTEMPTS)
            throw error;
          await sleep(DEFAULT_RETRY_MS);
        }
      }
    },
    close: () => {
      client.close();
      return Promise.resolve();
    },
  };
}
