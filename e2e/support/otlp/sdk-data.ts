// Test-only: real OpenTelemetry SDK spans, log records and metrics with known values, for the oracle test
// (the otlp-transformer serializes them to protobuf and JSON; both must decode to the same canonical form).
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, ValueType, trace, type HrTime } from "@opentelemetry/api";
import { SeverityNumber } from "@opentelemetry/api-logs";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from "@opentelemetry/sdk-logs";
import type { ReadableLogRecord } from "@opentelemetry/sdk-logs";
import {
  AggregationType,
  MeterProvider,
  MetricReader,
  type ResourceMetrics,
} from "@opentelemetry/sdk-metrics";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";

export const TRACE_ID = "5b8efff798038103d269b633813fc60c";
export const SPAN_IDS = ["eee19b7ec3c1b174", "eee19b7ec3c1b173"] as const;
/** 1795272707.123456789 s: a nanosecond timestamp past 2^53 whose last digits a double would lose. */
export const START: HrTime = [1795272707, 123456789];
export const START_NANOS = "1795272707123456789";
export const BYTES = Uint8Array.from([0, 1, 2, 250, 255]);

const resource = resourceFromAttributes({ "service.name": "oracle", "process.pid": 4242 });

export async function sdkSpans(): Promise<ReadableSpan[]> {
  const exporter = new InMemorySpanExporter();
  let next = 0;
  const provider = new BasicTracerProvider({
    resource,
    idGenerator: { generateTraceId: () => TRACE_ID, generateSpanId: () => SPAN_IDS[next++ % 2]! },
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer("oracle-tracer", "1.2.3");
  const parent = tracer.startSpan("parent", { startTime: START, kind: SpanKind.SERVER });
  const ctx = trace.setSpan(ROOT_CONTEXT, parent);
  const child = tracer.startSpan(
    "child",
    {
      startTime: START,
      kind: SpanKind.CLIENT,
      attributes: { "int.attr": 42, "double.attr": 2.5, "bool.attr": true, "array.attr": ["a", "b"] },
      links: [{ context: parent.spanContext(), attributes: { why: "because" } }],
    },
    ctx,
  );
  child.addEvent("event-1", { "event.attr": "x" }, [1795272707, 200000000]);
  child.setStatus({ code: SpanStatusCode.ERROR, message: "it broke" });
  child.end([1795272708, 1]);
  parent.end([1795272709, 0]);
  const spans = exporter.getFinishedSpans(); // before shutdown, which empties the exporter
  await provider.shutdown();
  return spans;
}

export async function sdkLogRecords(): Promise<ReadableLogRecord[]> {
  const exporter = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({ resource, processors: [new SimpleLogRecordProcessor({ exporter })] });
  const logger = provider.getLogger("oracle-logger", "0.0.1");
  const spanContext = { traceId: TRACE_ID, spanId: SPAN_IDS[0], traceFlags: 1 };
  logger.emit({
    timestamp: START,
    observedTimestamp: START,
    severityNumber: SeverityNumber.WARN,
    severityText: "WARN",
    eventName: "oracle.event",
    body: { nested: { deep: [1, "two", false, 3.5] }, blob: BYTES, empty: "" },
    attributes: { "int.attr": -7, "double.attr": 0.25, "bool.attr": false, "array.attr": [1, 2] },
    context: trace.setSpanContext(ROOT_CONTEXT, spanContext),
  });
  logger.emit({ timestamp: START, body: "plain string body" });
  const records = exporter.getFinishedLogRecords();
  await provider.shutdown();
  return records;
}

class CollectingReader extends MetricReader {
  protected onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

export async function sdkMetrics(): Promise<ResourceMetrics> {
  const reader = new CollectingReader();
  const provider = new MeterProvider({
    resource,
    readers: [reader],
    views: [{ instrumentName: "latency.exp", aggregation: { type: AggregationType.EXPONENTIAL_HISTOGRAM } }],
  });
  const meter = provider.getMeter("oracle-meter", "9.9.9");
  meter.createCounter("requests").add(3, { route: "/a" });
  meter.createCounter("requests").add(4, { route: "/b" });
  meter.createUpDownCounter("queue.depth").add(-2.5);
  meter.createCounter("tokens", { valueType: ValueType.INT }).add(2 ** 53);
  meter.createGauge("temperature", { unit: "Cel" }).record(21.5, { room: "lab" });
  meter
    .createHistogram("latency", { unit: "ms", description: "request latency" })
    .record(12, { route: "/a" });
  const exp = meter.createHistogram("latency.exp");
  for (const value of [0.5, 3, 700, 0]) exp.record(value);
  const { resourceMetrics, errors } = await reader.collect();
  if (errors.length > 0) throw new Error(`metric collection failed: ${String(errors[0])}`);
  await provider.shutdown();
  return resourceMetrics;
}
