// Replays a capture folder from ../shared/fixtures/otlp over its own transport: HTTP bodies with the content
// type from their meta file, gRPC bodies as the Export request of the signal's service.
import fs from "node:fs";
import path from "node:path";
import * as grpc from "@grpc/grpc-js";

export type Signal = "logs" | "traces" | "metrics";

export interface CaptureBody {
  file: string;
  signal: Signal;
  transport: "http" | "grpc";
  contentType: string;
  body: Buffer;
}

export { listCaptureFolders } from "./fixtures-dir";

export function readCapture(folder: string): CaptureBody[] {
  return fs
    .readdirSync(folder)
    .filter((file) => /^\d{4}-(logs|traces|metrics)\.(bin|json)$/.test(file))
    .sort()
    .map((file) => {
      const meta = JSON.parse(
        fs.readFileSync(path.join(folder, file.replace(/\.(bin|json)$/, ".meta.json")), "utf8"),
      ) as {
        transport: "http" | "grpc";
        headers: Record<string, string>;
      };
      return {
        file,
        signal: /-(logs|traces|metrics)\./.exec(file)![1] as Signal,
        transport: meta.transport,
        contentType:
          meta.headers["content-type"] ??
          (file.endsWith(".json") ? "application/json" : "application/x-protobuf"),
        body: fs.readFileSync(path.join(folder, file)),
      };
    });
}

export async function postOtlp(
  base: string,
  item: Pick<CaptureBody, "signal" | "contentType" | "body">,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${base}/v1/${item.signal}`, {
    method: "POST",
    headers: { "content-type": item.contentType, ...headers },
    body: new Uint8Array(item.body),
  });
}

const GRPC_SERVICES: Record<Signal, string> = {
  logs: "opentelemetry.proto.collector.logs.v1.LogsService",
  traces: "opentelemetry.proto.collector.trace.v1.TraceService",
  metrics: "opentelemetry.proto.collector.metrics.v1.MetricsService",
};

export class GrpcExporter {
  private readonly client: grpc.Client;
  constructor(address: string, options: { gzip?: boolean } = {}) {
    this.client = new grpc.Client(
      address,
      grpc.credentials.createInsecure(),
      options.gzip ? { "grpc.default_compression_algorithm": 2 } : {},
    );
  }
  export(signal: Signal, body: Buffer): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      this.client.makeUnaryRequest(
        `/${GRPC_SERVICES[signal]}/Export`,
        (buffer: Buffer) => buffer,
        (buffer: Buffer) => buffer,
        body,
        (error, response) => (error ? reject(error) : resolve(response!)),
      );
    });
  }
  close(): void {
    this.client.close();
  }
}

/** Replays in order; throws on any non-success answer. */
export async function replayCapture(
  folder: string,
  target: { otlpHttp: string; grpc: string },
  bodies = readCapture(folder),
): Promise<void> {
  const grpcClient = bodies.some((item) => item.transport === "grpc") ? new GrpcExporter(target.grpc) : null;
  try {
    for (const item of bodies) {
      if (item.transport === "grpc") {
        await grpcClient!.export(item.signal, item.body);
      } else {
        const response = await postOtlp(target.otlpHttp, item);
        if (response.status !== 200)
          throw new Error(`${item.file}: HTTP ${response.status} ${await response.text()}`);
      }
    }
  } finally {
    grpcClient?.close();
  }
}
