// Oracle: the same SDK data serialized by @opentelemetry/otlp-transformer as protobuf and as JSON must decode
// to byte-identical canonical JSON, with the values we put in.
import {
  JsonLogsSerializer,
  JsonMetricsSerializer,
  JsonTraceSerializer,
  ProtobufLogsSerializer,
  ProtobufMetricsSerializer,
  ProtobufTraceSerializer,
} from "@opentelemetry/otlp-transformer";
import { beforeAll, describe, expect, it } from "vitest";
import { decodeExportRequest, type DecodedRequest } from "./decode";
import {
  BYTES,
  SPAN_IDS,
  START_NANOS,
  TRACE_ID,
  sdkLogRecords,
  sdkMetrics,
  sdkSpans,
} from "@/e2e/support/otlp/sdk-data";
import type { OtlpKeyValue, Signal } from "./types";

function bothEncodings<S extends Signal>(
  signal: S,
  protobuf: Uint8Array | undefined,
  json: Uint8Array | undefined,
): DecodedRequest<S> {
  if (!protobuf || !json) throw new Error("serializer returned nothing");
  const fromProtobuf = decodeExportRequest(signal, "protobuf", protobuf);
  const fromJson = decodeExportRequest(signal, "json", json);
  expect(JSON.stringify(fromJson.request)).toBe(JSON.stringify(fromProtobuf.request));
  expect(fromJson.records).toBe(fromProtobuf.records);
  return fromProtobuf;
}

function attr(list: OtlpKeyValue[] | undefined, key: string): unknown {
  return list?.find((kv) => kv.key === key)?.value;
}

describe("oracle: otlp-transformer protobuf vs JSON", () => {
  let traces: DecodedRequest<"traces">;
  let logs: DecodedRequest<"logs">;
  let metrics: DecodedRequest<"metrics">;

  beforeAll(async () => {
    const spans = await sdkSpans();
    traces = bothEncodings(
      "traces",
      ProtobufTraceSerializer.serializeRequest(spans),
      JsonTraceSerializer.serializeRequest(spans),
    );
    const records = await sdkLogRecords();
    logs = bothEncodings(
      "logs",
      ProtobufLogsSerializer.serializeRequest(records),
      JsonLogsSerializer.serializeRequest(records),
    );
    const resourceMetrics = await sdkMetrics();
    metrics = bothEncodings(
      "metrics",
      ProtobufMetricsSerializer.serializeRequest(resourceMetrics),
      JsonMetricsSerializer.serializeRequest(resourceMetrics),
    );
  });

  it("decodes spans with ids, exact nanosecond times, kinds, events, links and status", () => {
    expect(traces.records).toBe(2);
    const scope = traces.request.resourceSpans?.[0]?.scopeSpans?.[0];
    expect(scope?.scope).toEqual({ name: "oracle-tracer", version: "1.2.3" });
    const child = scope?.spans?.find((s) => s.name === "child");
    expect(child).toMatchObject({
      traceId: TRACE_ID,
      spanId: SPAN_IDS[1],
      parentSpanId: SPAN_IDS[0],
      kind: 3,
      startTimeUnixNano: START_NANOS,
      endTimeUnixNano: "1795272708000000001",
      status: { message: "it broke", code: 2 },
    });
    expect(attr(child?.attributes, "int.attr")).toEqual({ intValue: "42" });
    expect(attr(child?.attributes, "double.attr")).toEqual({ doubleValue: 2.5 });
    expect(attr(child?.attributes, "bool.attr")).toEqual({ boolValue: true });
    expect(attr(child?.attributes, "array.attr")).toEqual({
      arrayValue: { values: [{ stringValue: "a" }, { stringValue: "b" }] },
    });
    expect(child?.events?.[0]).toMatchObject({ timeUnixNano: "1795272707200000000", name: "event-1" });
    expect(child?.links?.[0]).toMatchObject({ traceId: TRACE_ID, spanId: SPAN_IDS[0] });
    const resource = traces.request.resourceSpans?.[0]?.resource;
    expect(attr(resource?.attributes, "process.pid")).toEqual({ intValue: "4242" });
  });

  it("decodes log records with a kvlist body, bytes, trace context and severity", () => {
    expect(logs.records).toBe(2);
    const [first, second] = logs.request.resourceLogs?.[0]?.scopeLogs?.[0]?.logRecords ?? [];
    expect(first).toMatchObject({
      timeUnixNano: START_NANOS,
      observedTimeUnixNano: START_NANOS,
      severityNumber: 13,
      severityText: "WARN",
      flags: 1,
      traceId: TRACE_ID,
      spanId: SPAN_IDS[0],
      eventName: "oracle.event",
    });
    const body = first?.body?.kvlistValue?.values ?? [];
    expect(attr(body, "blob")).toEqual({ bytesValue: Buffer.from(BYTES).toString("base64") });
    expect(attr(body, "empty")).toEqual({ stringValue: "" });
    expect(attr(body, "nested")).toEqual({
      kvlistValue: {
        values: [
          {
            key: "deep",
            value: {
              arrayValue: {
                values: [
                  { intValue: "1" },
                  { stringValue: "two" },
                  { boolValue: false },
                  { doubleValue: 3.5 },
                ],
              },
            },
          },
        ],
      },
    });
    expect(attr(first?.attributes, "int.attr")).toEqual({ intValue: "-7" });
    expect(attr(first?.attributes, "double.attr")).toEqual({ doubleValue: 0.25 });
    expect(second?.body).toEqual({ stringValue: "plain string body" });
    expect(second?.traceId).toBeUndefined();
  });

  it("decodes sum, gauge, histogram and exponential histogram points", () => {
    const list = metrics.request.resourceMetrics?.[0]?.scopeMetrics?.[0]?.metrics ?? [];
    const byName = new Map(list.map((m) => [m.name, m]));
    expect(metrics.records).toBe(7); // requests ×2, queue.depth, tokens, temperature, latency, latency.exp
    const requests = byName.get("requests")?.sum;
    expect(requests).toMatchObject({ aggregationTemporality: 2, isMonotonic: true });
    expect(requests?.dataPoints?.map((p) => p.asDouble ?? p.asInt)).toEqual([3, 4]);
    expect(byName.get("queue.depth")?.sum?.dataPoints?.[0]?.asDouble).toBe(-2.5);
    expect(byName.get("queue.depth")?.sum?.isMonotonic).toBeUndefined();
    // An int counter past Number.MAX_SAFE_INTEGER: asInt is an exact decimal string.
    expect(byName.get("tokens")?.sum?.dataPoints?.[0]?.asInt).toBe("9007199254740992");
    expect(byName.get("temperature")).toMatchObject({
      unit: "Cel",
      gauge: { dataPoints: [{ asDouble: 21.5 }] },
    });
    const latency = byName.get("latency");
    expect(latency).toMatchObject({ description: "request latency", unit: "ms" });
    expect(latency?.histogram?.dataPoints?.[0]).toMatchObject({ count: "1", sum: 12, min: 12, max: 12 });
    expect(latency?.histogram?.dataPoints?.[0]?.bucketCounts?.every((c) => /^\d+$/.test(c))).toBe(true);
    const exp = byName.get("latency.exp")?.exponentialHistogram?.dataPoints?.[0];
    expect(exp).toMatchObject({ count: "4", sum: 703.5, zeroCount: "1", min: 0, max: 700 });
    expect(exp?.positive?.bucketCounts?.length).toBeGreaterThan(0);
    for (const point of [exp, latency?.histogram?.dataPoints?.[0]]) {
      expect(point?.timeUnixNano).toMatch(/^[1-9][0-9]{18}$/);
    }
  });
});
