// Canonical-form rules on hand-built bodies: defaults omitted, oneof presence kept, 64-bit values exact,
// packed and unpacked lists equal, unknown fields skipped, and protobuf/JSON agreeing byte for byte.
import { describe, expect, it } from "vitest";
import { decodeExportRequest } from "./decode";
import {
  concat,
  doubleField,
  envelope,
  fixed32Field,
  fixed64Field,
  hexField,
  lenField,
  stringField,
  tag,
  varintField,
} from "@/e2e/support/otlp/proto-writer";
import type { Signal } from "./types";

const TRACE = "5b8efff798038103d269b633813fc60c";
const SPAN = "eee19b7ec3c1b174";

function json(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value));
}

function canonical(signal: Signal, encoding: "protobuf" | "json", body: Uint8Array): string {
  return JSON.stringify(decodeExportRequest(signal, encoding, body).request);
}

/** The first log record / span / metric of a one-item request. */
function firstItem(signal: Signal, encoding: "protobuf" | "json", body: Uint8Array): unknown {
  const request = JSON.parse(canonical(signal, encoding, body)) as Record<
    string,
    [Record<string, [Record<string, unknown[]>]>]
  >;
  const resource = Object.values(request)[0]?.[0];
  const scope = resource && Object.entries(resource).find(([k]) => k.startsWith("scope"))?.[1]?.[0];
  return scope && Object.entries(scope).find(([k]) => k !== "scope" && k !== "schemaUrl")?.[1]?.[0];
}

function logsJson(...logRecords: unknown[]): Buffer {
  return json({ resourceLogs: [{ scopeLogs: [{ logRecords }] }] });
}

describe("defaults and presence", () => {
  it("omits proto3 defaults written explicitly in protobuf", () => {
    const record = concat(
      fixed64Field(1, 0n), // time_unix_nano
      varintField(2, 0), // severity_number
      stringField(3, ""), // severity_text
      varintField(7, 0), // dropped_attributes_count
      fixed32Field(8, 0), // flags
      lenField(9), // trace_id (empty)
      lenField(5), // body: AnyValue with no variant
    );
    expect(firstItem("logs", "protobuf", envelope(record))).toEqual({});
  });

  it("omits defaults and nulls written by JSON exporters", () => {
    const body = logsJson({
      timeUnixNano: "0",
      severityNumber: 0,
      severityText: "",
      body: null,
      attributes: [],
      droppedAttributesCount: 0,
      flags: null,
      traceId: "",
      spanId: null,
    });
    expect(firstItem("logs", "json", body)).toEqual({});
    expect(firstItem("logs", "json", logsJson({ body: {} }))).toEqual({});
  });

  it("keeps oneof members holding defaults", () => {
    const attributes = [
      { key: "s", value: { stringValue: "" } },
      { key: "i", value: { intValue: 0 } },
      { key: "b", value: { boolValue: false } },
      { key: "d", value: { doubleValue: 0 } },
    ];
    const fromJson = firstItem("logs", "json", logsJson({ attributes }));
    expect(fromJson).toEqual({
      attributes: [
        { key: "s", value: { stringValue: "" } },
        { key: "i", value: { intValue: "0" } },
        { key: "b", value: { boolValue: false } },
        { key: "d", value: { doubleValue: 0 } },
      ],
    });
    const anyValues = [stringField(1, ""), varintField(3, 0), varintField(2, 0), doubleField(4, 0)];
    const record = concat(
      ...["s", "i", "b", "d"].map((key, i) => lenField(6, stringField(1, key), lenField(2, anyValues[i]!))),
    );
    expect(firstItem("logs", "protobuf", envelope(record))).toEqual(fromJson);
  });
});

describe("numbers", () => {
  it("keeps 64-bit integers exact in both encodings", () => {
    const record = concat(
      fixed64Field(1, 18446744073709551615n),
      lenField(6, stringField(1, "min"), lenField(2, varintField(3, -9223372036854775808n))),
      lenField(6, stringField(1, "neg"), lenField(2, varintField(3, -1n))),
    );
    const expected = {
      timeUnixNano: "18446744073709551615",
      attributes: [
        { key: "min", value: { intValue: "-9223372036854775808" } },
        { key: "neg", value: { intValue: "-1" } },
      ],
    };
    expect(firstItem("logs", "protobuf", envelope(record))).toEqual(expected);
    const fromJson = logsJson({
      timeUnixNano: "18446744073709551615",
      attributes: [
        { key: "min", value: { intValue: "-9223372036854775808" } },
        { key: "neg", value: { intValue: -1 } },
      ],
    });
    expect(firstItem("logs", "json", fromJson)).toEqual(expected);
  });

  it("normalises JSON integers written as numbers or with leading zeros", () => {
    const record = firstItem(
      "logs",
      "json",
      logsJson({ timeUnixNano: 1795272707000, observedTimeUnixNano: "007" }),
    );
    expect(record).toEqual({ timeUnixNano: "1795272707000", observedTimeUnixNano: "7" });
  });

  it("writes non-finite doubles as OTLP/JSON strings", () => {
    const values = [NaN, Infinity, -Infinity];
    const record = concat(
      ...values.map((v, i) => lenField(6, stringField(1, `k${i}`), lenField(2, doubleField(4, v)))),
    );
    const expected = {
      attributes: ["NaN", "Infinity", "-Infinity"].map((d, i) => ({
        key: `k${i}`,
        value: { doubleValue: d },
      })),
    };
    expect(firstItem("logs", "protobuf", envelope(record))).toEqual(expected);
    expect(firstItem("logs", "json", logsJson(expected))).toEqual(expected);
  });
});

describe("protobuf wire forms", () => {
  it("reads packed and unpacked repeated numbers alike", () => {
    const counts = [0n, 5n, 2n ** 40n];
    const bounds = [0.5, 10];
    const packedCounts = lenField(6, ...counts.map((c) => fixed64Field(1, c).subarray(1)));
    const packedBounds = lenField(7, ...bounds.map((b) => doubleField(1, b).subarray(1)));
    const unpacked = concat(
      ...counts.map((c) => fixed64Field(6, c)),
      ...bounds.map((b) => doubleField(7, b)),
    );
    const metric = (point: Uint8Array): Uint8Array =>
      concat(stringField(1, "h"), lenField(9, lenField(1, point)));
    const a = canonical("metrics", "protobuf", envelope(metric(concat(packedCounts, packedBounds))));
    const b = canonical("metrics", "protobuf", envelope(metric(unpacked)));
    expect(a).toBe(b);
    expect(a).toContain('"bucketCounts":["0","5","1099511627776"],"explicitBounds":[0.5,10]');
  });

  it("skips unknown fields of every wire type", () => {
    const unknown = concat(
      varintField(99, 123456789n),
      fixed64Field(98, 1n),
      lenField(97, stringField(1, "nested unknown")),
      fixed32Field(96, 7),
    );
    const span = concat(hexField(1, TRACE), hexField(2, SPAN), stringField(5, "op"));
    const plain = canonical("traces", "protobuf", envelope(span));
    expect(canonical("traces", "protobuf", envelope(concat(unknown, span, unknown)))).toBe(plain);
    const withUnknownEnvelope = concat(
      unknown,
      lenField(1, unknown, lenField(2, unknown, lenField(2, span))),
    );
    expect(canonical("traces", "protobuf", withUnknownEnvelope)).toBe(plain);
  });

  it("decodes an empty protobuf body as an empty request", () => {
    for (const signal of ["logs", "traces", "metrics"] as const) {
      expect(decodeExportRequest(signal, "protobuf", new Uint8Array())).toEqual({
        request: {},
        records: 0,
        rejected: 0,
        rejectionMessage: null,
      });
    }
  });

  it("reads span flags (field 16, a two-byte tag) and a status", () => {
    const span = concat(fixed32Field(16, 257), lenField(15, stringField(2, "bad"), varintField(3, 2)));
    expect(firstItem("traces", "protobuf", envelope(span))).toEqual({
      flags: 257,
      status: { message: "bad", code: 2 },
    });
    expect(tag(16, 5)).toEqual(Uint8Array.from([0x85, 0x01]));
  });
});

describe("JSON leniency", () => {
  it("accepts enum names, uppercase hex ids and ignores unknown fields", () => {
    const spans = [
      {
        traceId: TRACE.toUpperCase(),
        spanId: SPAN,
        kind: "SPAN_KIND_CLIENT",
        status: { code: "STATUS_CODE_ERROR", extra: 1 },
        somethingNew: { a: [1, 2] },
      },
    ];
    const body = json({ resourceSpans: [{ scopeSpans: [{ spans }], unknown: true }] });
    expect(firstItem("traces", "json", body)).toEqual({
      traceId: TRACE,
      spanId: SPAN,
      kind: 3,
      status: { code: 2 },
    });
  });

  it("decodes summary points identically from both encodings", () => {
    const point = concat(
      fixed64Field(3, 1795272707000000001n),
      fixed64Field(4, 3n),
      doubleField(5, 7.5),
      lenField(6, doubleField(1, 0.5), doubleField(2, 2)),
      lenField(6, doubleField(1, 0), doubleField(2, 0)),
    );
    const fromProtobuf = canonical(
      "metrics",
      "protobuf",
      envelope(concat(stringField(1, "s"), lenField(11, lenField(1, point)))),
    );
    const fromJson = canonical(
      "metrics",
      "json",
      json({
        resourceMetrics: [
          {
            scopeMetrics: [
              {
                metrics: [
                  {
                    name: "s",
                    summary: {
                      dataPoints: [
                        {
                          timeUnixNano: "1795272707000000001",
                          count: 3,
                          sum: 7.5,
                          quantileValues: [{ quantile: 0.5, value: 2 }, {}],
                        },
                      ],
                    },
                  },
                ],
              },
            ],
          },
        ],
      }),
    );
    expect(fromJson).toBe(fromProtobuf);
    expect(fromJson).toContain('"quantileValues":[{"quantile":0.5,"value":2},{}]');
  });
});
