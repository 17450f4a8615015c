// Export responses and rpc Status bodies: field numbers checked with the otlp-transformer's own response
// deserializers (what our clients run) and by hand for google.rpc.Status.
import {
  ProtobufLogsSerializer,
  ProtobufMetricsSerializer,
  ProtobufTraceSerializer,
} from "@opentelemetry/otlp-transformer";
import { describe, expect, it } from "vitest";
import { encodeExportResponse, encodeRetryStatus, encodeRpcStatus } from "./encode-response";

describe("encodeExportResponse", () => {
  it("is empty when nothing was rejected", () => {
    expect(encodeExportResponse("logs", "protobuf", 0, null)).toHaveLength(0);
    expect(encodeExportResponse("traces", "json", 0, null).toString()).toBe("{}");
  });

  it("writes partial_success with the signal's rejected field in protobuf", () => {
    const message = "2 log records rejected: traceId must be 16 bytes";
    expect(
      ProtobufLogsSerializer.deserializeResponse(encodeExportResponse("logs", "protobuf", 2, message)),
    ).toEqual({
      partialSuccess: { rejectedLogRecords: 2, errorMessage: message },
    });
    expect(
      ProtobufTraceSerializer.deserializeResponse(encodeExportResponse("traces", "protobuf", 300, "x")),
    ).toEqual({
      partialSuccess: { rejectedSpans: 300, errorMessage: "x" },
    });
    expect(
      ProtobufMetricsSerializer.deserializeResponse(encodeExportResponse("metrics", "protobuf", 1, null)),
    ).toEqual({
      partialSuccess: { rejectedDataPoints: 1 },
    });
  });

  it("matches the exact protobuf bytes (field 1 { field 1 varint, field 2 string })", () => {
    expect([...encodeExportResponse("traces", "protobuf", 150, "é")]).toEqual([
      0x0a, 0x07, 0x08, 0x96, 0x01, 0x12, 0x02, 0xc3, 0xa9,
    ]);
  });

  it("writes OTLP/JSON with int64 as a string", () => {
    expect(JSON.parse(encodeExportResponse("logs", "json", 2, "bad ids").toString())).toEqual({
      partialSuccess: { rejectedLogRecords: "2", errorMessage: "bad ids" },
    });
    expect(JSON.parse(encodeExportResponse("metrics", "json", 5, null).toString())).toEqual({
      partialSuccess: { rejectedDataPoints: "5" },
    });
  });
});

describe("encodeRpcStatus", () => {
  it("writes google.rpc.Status { 1 code, 2 message } in protobuf", () => {
    expect([...encodeRpcStatus("protobuf", 3, "bad")]).toEqual([0x08, 0x03, 0x12, 0x03, 0x62, 0x61, 0x64]);
    expect([...encodeRpcStatus("protobuf", 0, "")]).toEqual([]);
  });

  it("writes JSON", () => {
    expect(encodeRpcStatus("json", 3, "bad request").toString()).toBe('{"code":3,"message":"bad request"}');
  });
});

describe("encodeRetryStatus", () => {
  it("is a google.rpc.Status whose details hold a RetryInfo with the delay (what exporters retry on)", () => {
    const bytes = encodeRetryStatus(8, "retry shortly", 5);
    // Status: 1 code (varint 8), 2 message, 3 details = Any { 1 type_url, 2 value = RetryInfo { 1 Duration { 1 seconds } } }
    const typeUrl = "type.googleapis.com/google.rpc.RetryInfo";
    const expected = Buffer.from([
      0x08,
      8,
      0x12,
      13,
      ...Buffer.from("retry shortly"),
      0x1a,
      2 + typeUrl.length + 2 + 4,
      0x0a,
      typeUrl.length,
      ...Buffer.from(typeUrl),
      0x12,
      4,
      0x0a,
      2,
      0x08,
      5,
    ]);
    expect(bytes).toEqual(expected);
  });
});
