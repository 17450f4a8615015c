// Hostile protobuf bodies: every failure is an OtlpDecodeError naming what is wrong, nothing hangs, nothing
// allocates what a length prefix merely claims. Fuzzed from the real captures with fast-check.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeExportRequest, OtlpDecodeError } from "./decode";
import { decodeFailure } from "@/e2e/support/otlp/decode-failure";
import { allFixtureBodies } from "@/e2e/support/fixture-bodies";
import {
  concat,
  envelope,
  fixed64Field,
  lenField,
  stringField,
  tag,
  varint,
  varintField,
} from "@/e2e/support/otlp/proto-writer";
import type { Signal } from "./types";

/** Max time one decode of a small body may take. */
const DECODE_TIME_LIMIT_MS = 5_000; // a hang detector (real decodes take microseconds), not a speed check: the suite runs on loaded machines

const small = allFixtureBodies()
  .filter((b) => b.encoding === "protobuf")
  .sort((a, b) => a.bytes.length - b.bytes.length)
  .slice(0, 12);

/** Decodes, asserting the only possible failure is a (non-internal) OtlpDecodeError, within the time limit. */
function decodeSafely(signal: Signal, body: Uint8Array): void {
  const start = performance.now();
  try {
    decodeExportRequest(signal, "protobuf", body);
  } catch (error) {
    expect(error).toBeInstanceOf(OtlpDecodeError);
    expect((error as Error).message).not.toMatch(/^internal decoder error/);
  }
  expect(performance.now() - start).toBeLessThan(DECODE_TIME_LIMIT_MS);
}

function logsFailure(body: Uint8Array): string {
  return decodeFailure(() => decodeExportRequest("logs", "protobuf", body)).message;
}

describe("truncation", () => {
  it("fails or decodes cleanly at every prefix length of a small body", () => {
    const body = small[0]!;
    let failures = 0;
    for (let length = 0; length < body.bytes.length; length++) {
      const prefix = body.bytes.subarray(0, length);
      try {
        decodeExportRequest(body.signal, "protobuf", prefix);
      } catch (error) {
        expect(error).toBeInstanceOf(OtlpDecodeError);
        expect((error as Error).message).toMatch(/^truncated buffer: |varint at offset/);
        failures++;
      }
    }
    // Only prefixes ending exactly between top-level fields are whole messages.
    expect(failures).toBeGreaterThan(body.bytes.length - 5);
  });

  it("names the offset and the field whose length prefix overruns (outermost first)", () => {
    const body = envelope(concat(fixed64Field(1, 1n), lenField(5, stringField(1, "a long body string"))));
    expect(logsFailure(body.subarray(0, body.length - 3))).toBe(
      "truncated buffer: expected 35 bytes at offset 1, only 32 left in resourceLogs[0]",
    );
  });

  it("names the field path of an overrunning nested field", () => {
    const body = lenField(5, tag(1, 2), varint(100), new TextEncoder().encode("abc")); // string_value claims 100
    expect(logsFailure(envelope(concat(fixed64Field(1, 1n), body)))).toBe(
      "truncated buffer: expected 100 bytes at offset 18, only 3 left in resourceLogs[0].scopeLogs[0].logRecords[0].body.stringValue",
    );
  });
});

describe("malformed wire data", () => {
  it("refuses a varint longer than 10 bytes", () => {
    const body = concat(tag(1, 0), new Uint8Array(11).fill(0xff), Uint8Array.of(0x01));
    expect(logsFailure(body)).toBe("varint longer than 10 bytes at offset 1");
  });

  it("refuses a 2^31 declared length quickly, without allocating it", () => {
    const body = concat(tag(1, 2), varint(2 ** 31), Uint8Array.of(1, 2, 3));
    const start = performance.now();
    expect(logsFailure(body)).toBe(
      "truncated buffer: expected 2147483648 bytes at offset 1, only 3 left in resourceLogs[0]",
    );
    expect(performance.now() - start).toBeLessThan(DECODE_TIME_LIMIT_MS);
  });

  it("refuses a nested length larger than its enclosing message", () => {
    const record = concat(tag(6, 2), varint(2 ** 31), stringField(1, "k"));
    expect(logsFailure(envelope(record))).toMatch(
      /^truncated buffer: expected 2147483648 bytes at offset \d+, only 3 left in resourceLogs\[0\]\.scopeLogs\[0\]\.logRecords\[0\]\.attributes\[0\]$/,
    );
  });

  it("refuses a 64-bit declared length", () => {
    expect(logsFailure(concat(tag(1, 2), varint(2n ** 40n)))).toBe(
      "truncated buffer: expected 1099511627776 bytes at offset 1, only 0 left in resourceLogs[0]",
    );
  });

  it.each([
    [3, "unsupported group wire type 3 at offset 0"],
    [4, "unsupported group wire type 4 at offset 0"],
    [6, "invalid wire type 6 at offset 0"],
    [7, "invalid wire type 7 at offset 0"],
  ])("refuses wire type %i", (wireType, message) => {
    expect(logsFailure(concat(tag(9, wireType), Uint8Array.of(0)))).toBe(message);
  });

  it("refuses field number 0", () => {
    expect(logsFailure(varintField(0, 1))).toBe("invalid field tag at offset 0");
  });

  it("refuses a packed fixed64 list whose length is not a multiple of 8", () => {
    const point = lenField(6, new Uint8Array(12));
    const metric = concat(stringField(1, "h"), lenField(9, lenField(1, point)));
    expect(decodeFailure(() => decodeExportRequest("metrics", "protobuf", envelope(metric))).message).toMatch(
      /^packed field at offset \d+ is 12 bytes, not a multiple of 8 in resourceMetrics\[0\]\.scopeMetrics\[0\]\.metrics\[0\]\.histogram\.dataPoints\[0\]\.bucketCounts$/,
    );
  });

  it("replaces invalid UTF-8 with U+FFFD rather than failing", () => {
    const record = lenField(5, lenField(1, Uint8Array.of(0x61, 0xff, 0xc3)));
    const decoded = decodeExportRequest("logs", "protobuf", envelope(record));
    expect(decoded.request.resourceLogs?.[0]?.scopeLogs?.[0]?.logRecords?.[0]?.body).toEqual({
      stringValue: "a\uFFFD\uFFFD",
    });
  });
});

describe("AnyValue nesting", () => {
  function nestedArrays(levels: number): Uint8Array {
    let value = stringField(1, "leaf");
    for (let i = 0; i < levels; i++) value = lenField(5, lenField(1, value)); // array_value { values [value] }
    return envelope(lenField(5, value));
  }

  it("accepts 64 levels", () => {
    expect(decodeExportRequest("logs", "protobuf", nestedArrays(63)).records).toBe(1);
  });

  it("refuses deeper nesting, also absurdly deep", () => {
    expect(logsFailure(nestedArrays(64))).toMatch(/AnyValue nesting deeper than 64 levels$/);
    expect(logsFailure(nestedArrays(5000))).toMatch(/AnyValue nesting deeper than 64 levels$/);
  });
});

describe("fuzzing", () => {
  it("survives random bytes", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 512 }),
        fc.constantFrom<Signal>("logs", "traces", "metrics"),
        (bytes, signal) => decodeSafely(signal, bytes),
      ),
      { seed: 20261121, numRuns: 3000 },
    );
  });

  const mutation = fc.oneof(
    fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
    fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
    fc.record({
      kind: fc.constant("insert" as const),
      at: fc.nat(),
      bytes: fc.uint8Array({ minLength: 1, maxLength: 12 }),
    }),
    fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), count: fc.integer({ min: 1, max: 16 }) }),
  );
  type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

  function mutate(bytes: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
    let out: Uint8Array = Uint8Array.from(bytes);
    for (const m of mutations) {
      const at = out.length === 0 ? 0 : m.at % out.length;
      if (m.kind === "flip" && out.length > 0) out[at] = m.byte;
      else if (m.kind === "truncate") out = out.subarray(0, at);
      else if (m.kind === "insert") out = concat(out.subarray(0, at), m.bytes, out.subarray(at));
      else if (m.kind === "delete") out = concat(out.subarray(0, at), out.subarray(at + m.count));
    }
    return out;
  }

  it("survives flipped, truncated, inserted and deleted bytes in real captures", () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 6 }), (pick, mutations) => {
        const body = small[pick % small.length]!;
        decodeSafely(body.signal, mutate(body.bytes, mutations));
      }),
      { seed: 4242, numRuns: 2500 },
    );
  });
});
