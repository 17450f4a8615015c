// Real OpenTelemetry SDK exporters (the ones every OTel-speaking agent uses) pointed at the real server:
// OTLP/HTTP protobuf and JSON on the HTTP port, OTLP/gRPC (with gzip) on the gRPC port. Their records must
// show up in /api/stats, and a shuffled or repeated replay of a capture must give the same sessions.
import fs from "node:fs";
import path from "node:path";
import { OTLPLogExporter as GrpcLogExporter } from "@opentelemetry/exporter-logs-otlp-grpc";
import { OTLPLogExporter as JsonLogExporter } from "@opentelemetry/exporter-logs-otlp-http";
import { OTLPLogExporter as ProtoLogExporter } from "@opentelemetry/exporter-logs-otlp-proto";
import { OTLPTraceExporter as GrpcTraceExporter } from "@opentelemetry/exporter-trace-otlp-grpc";
import { OTLPTraceExporter as ProtoTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchLogRecordProcessor, LoggerProvider, type LogRecordExporter } from "@opentelemetry/sdk-logs";
import { BasicTracerProvider, BatchSpanProcessor, type SpanExporter } from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { readCapture, replayCapture, type CaptureBody } from "../support/replay";
import { FIXTURES, settledStats, startServer, type TestServer } from "../support/server";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.stop();
  fs.rmSync(server.dataDir, { recursive: true, force: true });
});

async function emitLogs(exporter: LogRecordExporter, count: number): Promise<void> {
  const provider = new LoggerProvider({
    resource: resourceFromAttributes({ "service.name": "sdk-test" }),
    processors: [new BatchLogRecordProcessor({ exporter, maxExportBatchSize: 50 })],
  });
  const logger = provider.getLogger("tracemark-test");
  for (let i = 0; i < count; i++)
    logger.emit({ body: `event ${i}`, attributes: { "event.name": "test.event", n: i } });
  await provider.forceFlush();
  await provider.shutdown();
}

async function emitSpans(exporter: SpanExporter, count: number): Promise<void> {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ "service.name": "sdk-test" }),
    spanProcessors: [new BatchSpanProcessor(exporter, { maxExportBatchSize: 50 })],
  });
  const tracer = provider.getTracer("tracemark-test");
  for (let i = 0; i < count; i++) tracer.startSpan(`span ${i}`, { attributes: { n: i } }).end();
  await provider.forceFlush();
  await provider.shutdown();
}

describe("OpenTelemetry SDK exporters", () => {
  test("logs over HTTP protobuf, HTTP JSON and gRPC (gzip), spans over HTTP protobuf and gRPC", async () => {
    const before = await settledStats(server);
    await emitLogs(new ProtoLogExporter({ url: `${server.otlpHttp}/v1/logs` }), 120);
    await emitLogs(new JsonLogExporter({ url: `${server.otlpHttp}/v1/logs` }), 80);
    await emitLogs(new ProtoLogExporter({ url: `${server.ui}/v1/logs`, compression: "gzip" as never }), 30);
    await emitLogs(new GrpcLogExporter({ url: `http://${server.grpc}`, compression: "gzip" as never }), 70);
    await emitSpans(new ProtoTraceExporter({ url: `${server.otlpHttp}/v1/traces` }), 60);
    await emitSpans(new GrpcTraceExporter({ url: `http://${server.grpc}` }), 40);
    const after = await settledStats(server);
    expect(Number(after.log_records) - Number(before.log_records)).toBe(300);
    expect(Number(after.spans) - Number(before.spans)).toBe(100);
  });
});

describe("order independence through the server", () => {
  const folder = path.join(FIXTURES, "codex", "tool_call", "http-json");

  async function sessionsAfter(bodies: CaptureBody[]): Promise<unknown> {
    const fresh = await startServer();
    try {
      await replayCapture(folder, fresh, bodies);
      await settledStats(fresh);
      const list = (await (await fetch(`${fresh.ui}/api/sessions`)).json()) as { sessions: { id: string }[] };
      const details = [];
      for (const session of list.sessions)
        details.push(await (await fetch(`${fresh.ui}/api/sessions/${session.id}`)).json());
      return details;
    } finally {
      await fresh.stop();
      fs.rmSync(fresh.dataDir, { recursive: true, force: true });
    }
  }

  test("shuffled request order and a repeated replay give the same sessions and turns", async () => {
    const bodies = readCapture(folder);
    const inOrder = await sessionsAfter(bodies);
    const shuffled = [...bodies].reverse();
    [shuffled[0], shuffled[2]] = [shuffled[2]!, shuffled[0]!];
    expect(await sessionsAfter(shuffled)).toEqual(inOrder);
    expect(await sessionsAfter([...bodies, ...bodies])).toEqual(inOrder);
  });
});
