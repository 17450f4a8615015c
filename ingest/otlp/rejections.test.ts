// Partial success: a record whose id is valid hex of the wrong length is dropped and counted, the rest of the
// request is kept; ids that are not hex at all fail the request.
import { describe, expect, it } from "vitest";
import { decodeExportRequest } from "./decode";
import { decodeFailure } from "@/e2e/support/otlp/decode-failure";
import {
  concat,
  envelope,
  fixed64Field,
  hexField,
  lenField,
  stringField,
} from "@/e2e/support/otlp/proto-writer";

const TRACE = "5b8efff798038103d269b633813fc60c";
const SPAN = "eee19b7ec3c1b174";

function json(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value));
}

describe("wrong-length ids", () => {
  it("rejects one log record in protobuf and keeps the others", () => {
    const good = concat(fixed64Field(1, 1n), hexField(9, TRACE), hexField(10, SPAN));
    const bad = concat(fixed64Field(1, 2n), hexField(9, TRACE.slice(2)));
    const decoded = decodeExportRequest("logs", "protobuf", envelope(good, bad, good));
    expect(decoded).toMatchObject({
      records: 2,
      rejected: 1,
      rejectionMessage: "1 log record rejected: traceId must be 16 bytes",
    });
    expect(decoded.request.resourceLogs?.[0]?.scopeLogs?.[0]?.logRecords?.map((r) => r.timeUnixNano)).toEqual(
      ["1", "1"],
    );
  });

  it("rejects one log record in JSON the same way", () => {
    const logRecords = [
      { timeUnixNano: "1", traceId: TRACE, spanId: SPAN },
      { timeUnixNano: "2", traceId: TRACE.slice(2) },
    ];
    const decoded = decodeExportRequest(
      "logs",
      "json",
      json({ resourceLogs: [{ scopeLogs: [{ logRecords }] }] }),
    );
    expect(decoded).toMatchObject({
      records: 1,
      rejected: 1,
      rejectionMessage: "1 log record rejected: traceId must be 16 bytes",
    });
  });

  it("rejects spans for a bad parent or link id and lists the distinct reasons", () => {
    const ok = concat(hexField(1, TRACE), hexField(2, SPAN));
    const badParent = concat(ok, hexField(4, "abcd"));
    const badLink = concat(ok, lenField(13, hexField(1, TRACE), hexField(2, SPAN + "00")));
    for (const [encoding, body] of [
      ["protobuf", envelope(ok, badParent, badLink)],
      [
        "json",
        json({
          resourceSpans: [
            {
              scopeSpans: [
                {
                  spans: [
                    { traceId: TRACE, spanId: SPAN },
                    { traceId: TRACE, spanId: SPAN, parentSpanId: "ABCD" },
                    { traceId: TRACE, spanId: SPAN, links: [{ traceId: TRACE, spanId: SPAN + "00" }] },
                  ],
                },
              ],
            },
          ],
        }),
      ],
    ] as const) {
      expect(decodeExportRequest("traces", encoding, body), encoding).toMatchObject({
        records: 1,
        rejected: 2,
        rejectionMessage: "2 spans rejected: parentSpanId must be 8 bytes; links.spanId must be 8 bytes",
      });
    }
  });

  it("rejects the data point whose exemplar has a bad id, not the metric", () => {
    const exemplar = lenField(5, hexField(5, TRACE + "ff"));
    const point = (extra: Uint8Array): Uint8Array => lenField(1, fixed64Field(3, 5n), extra);
    const metric = concat(stringField(1, "g"), lenField(5, point(new Uint8Array()), point(exemplar)));
    const decoded = decodeExportRequest("metrics", "protobuf", envelope(metric));
    expect(decoded).toMatchObject({
      records: 1,
      rejected: 1,
      rejectionMessage: "1 data point rejected: exemplars.traceId must be 16 bytes",
    });
    expect(
      decoded.request.resourceMetrics?.[0]?.scopeMetrics?.[0]?.metrics?.[0]?.gauge?.dataPoints,
    ).toHaveLength(1);
  });
});

describe("ids that are not hex", () => {
  const spanWith = (traceId: unknown): Buffer =>
    json({ resourceSpans: [{ scopeSpans: [{ spans: [{ spanId: SPAN }, { traceId, spanId: SPAN }] }] }] });

  it.each([
    ["base64 text", "W47/95gDgQPSabYzgT/GDA=="],
    ["odd length", TRACE.slice(1)],
    ["a non-hex letter", TRACE.replace("5", "g")],
  ])("fails the request for %s, naming the field", (_, traceId) => {
    const error = decodeFailure(() => decodeExportRequest("traces", "json", spanWith(traceId)));
    expect(error.message).toBe("resourceSpans[0].scopeSpans[0].spans[1].traceId: not hex");
  });

  it("fails for an id that is not a string", () => {
    const error = decodeFailure(() => decodeExportRequest("traces", "json", spanWith(12)));
    expect(error.message).toBe(
      "resourceSpans[0].scopeSpans[0].spans[1].traceId: expected a hex string, got number",
    );
  });
});
