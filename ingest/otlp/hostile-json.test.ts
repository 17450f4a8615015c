// Hostile OTLP/JSON bodies: wrong types, bad scalars, deep nesting and mutated real captures fail with an
// OtlpDecodeError that names the path, or decode; nothing else escapes and nothing hangs.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeExportRequest, OtlpDecodeError } from "./decode";
import { decodeFailure } from "@/e2e/support/otlp/decode-failure";
import { allFixtureBodies } from "@/e2e/support/fixture-bodies";
import type { Signal } from "./types";

const DECODE_TIME_LIMIT_MS = 5_000; // a hang detector (real decodes take microseconds), not a speed check: the suite runs on loaded machines

function failure(signal: Signal, body: string | Uint8Array): string {
  const bytes = typeof body === "string" ? Buffer.from(body) : body;
  return decodeFailure(() => decodeExportRequest(signal, "json", bytes)).message;
}

const spansWith = (span: unknown): string =>
  JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [span] }] }] });
const logWith = (record: unknown): string =>
  JSON.stringify({ resourceLogs: [{ scopeLogs: [{ logRecords: [record] }] }] });
const SPAN = "resourceSpans[0].scopeSpans[0].spans[0]";
const LOG = "resourceLogs[0].scopeLogs[0].logRecords[0]";

describe("bodies that are not a request object", () => {
  it.each([
    ["", "empty body: an OTLP/JSON request is at least {}"],
    ["[]", "expected a JSON object at the top level, got array"],
    ['"resourceSpans"', "expected a JSON object at the top level, got string"],
    ["null", "expected a JSON object at the top level, got null"],
    ["42", "expected a JSON object at the top level, got number"],
  ])("refuses %j", (body, message) => {
    expect(failure("traces", body)).toBe(message);
  });

  it("refuses invalid JSON, saying so", () => {
    expect(failure("traces", '{"resourceSpans": [')).toMatch(/^invalid JSON: /);
  });

  it("accepts {} and a leading BOM", () => {
    expect(decodeExportRequest("logs", "json", Buffer.from("\uFEFF{}")).records).toBe(0);
  });
});

describe("wrong types name their path", () => {
  it.each([
    [
      "spans: 5",
      JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: 5 }] }] }),
      "resourceSpans[0].scopeSpans[0].spans: expected an array, got number",
    ],
    [
      "resourceSpans: {}",
      JSON.stringify({ resourceSpans: {} }),
      "resourceSpans: expected an array, got object",
    ],
    [
      "a null span",
      JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [null] }] }] }),
      `${SPAN}: expected an object, got null`,
    ],
    [
      "startTimeUnixNano: {}",
      spansWith({ startTimeUnixNano: {} }),
      `${SPAN}.startTimeUnixNano: expected an integer or a decimal string, got object`,
    ],
    [
      "a fractional time",
      spansWith({ endTimeUnixNano: 1.5 }),
      `${SPAN}.endTimeUnixNano: expected an integer, got 1.5`,
    ],
    [
      "a non-numeric time",
      spansWith({ endTimeUnixNano: "soon" }),
      `${SPAN}.endTimeUnixNano: expected an integer or a decimal string, got "soon"`,
    ],
    [
      "a time past uint64",
      spansWith({ endTimeUnixNano: "18446744073709551616" }),
      `${SPAN}.endTimeUnixNano: "18446744073709551616" is out of range for uint64`,
    ],
    [
      "a negative time",
      spansWith({ endTimeUnixNano: "-1" }),
      `${SPAN}.endTimeUnixNano: "-1" is out of range for uint64`,
    ],
    [
      "attributes: {}",
      spansWith({ attributes: { a: 1 } }),
      `${SPAN}.attributes: expected an array, got object`,
    ],
    ["name: 7", spansWith({ name: 7 }), `${SPAN}.name: expected a string, got number`],
    [
      "an unknown kind name",
      spansWith({ kind: "SPAN_KIND_SIDEWAYS" }),
      `${SPAN}.kind: unknown enum value "SPAN_KIND_SIDEWAYS"`,
    ],
    ["status: []", spansWith({ status: [] }), `${SPAN}.status: expected an object, got array`],
    ["flags: -1", spansWith({ flags: -1 }), `${SPAN}.flags: expected a 32-bit unsigned integer, got -1`],
  ])("%s", (_, body, message) => {
    expect(failure("traces", body)).toBe(message);
  });

  it.each([
    ["body: a string", logWith({ body: "text" }), `${LOG}.body: expected an object, got string`],
    [
      "two AnyValue variants",
      logWith({ body: { stringValue: "a", intValue: 1 } }),
      `${LOG}.body: more than one value set (stringValue and intValue)`,
    ],
    [
      "a bad bool",
      logWith({ attributes: [{ key: "k", value: { boolValue: "yes" } }] }),
      `${LOG}.attributes[0].value.boolValue: expected a boolean, got string`,
    ],
    ["bad base64", logWith({ body: { bytesValue: "not base64!" } }), `${LOG}.body.bytesValue: not base64`],
    [
      "an intValue past int64",
      logWith({ body: { intValue: "9223372036854775808" } }),
      `${LOG}.body.intValue: "9223372036854775808" is out of range for int64`,
    ],
    [
      "a bad double",
      logWith({ body: { doubleValue: "fast" } }),
      `${LOG}.body.doubleValue: expected a number, got "fast"`,
    ],
    [
      "a nested bad value",
      logWith({
        body: { kvlistValue: { values: [{ key: "a", value: { arrayValue: { values: [{}, 3] } } }] } },
      }),
      `${LOG}.body.kvlistValue.values[0].value.arrayValue.values[1]: expected an object, got number`,
    ],
  ])("%s", (_, body, message) => {
    expect(failure("logs", body)).toBe(message);
  });

  it("refuses a metric with two data kinds", () => {
    const body = JSON.stringify({
      resourceMetrics: [{ scopeMetrics: [{ metrics: [{ name: "m", gauge: {}, sum: {} }] }] }],
    });
    expect(failure("metrics", body)).toBe(
      "resourceMetrics[0].scopeMetrics[0].metrics[0]: more than one data kind set (gauge, sum)",
    );
  });
});

describe("AnyValue nesting", () => {
  // Built as text: JSON.stringify itself recurses and would overflow at 10,000 levels.
  const nested = (levels: number): string =>
    logWith({ body: "BODY" }).replace(
      '"BODY"',
      '{"arrayValue":{"values":['.repeat(levels) + '{"stringValue":"leaf"}' + "]}}".repeat(levels),
    );

  it("accepts 64 levels and refuses 65 or 10,000", () => {
    expect(decodeExportRequest("logs", "json", Buffer.from(nested(63))).records).toBe(1);
    expect(failure("logs", nested(64))).toMatch(/AnyValue nesting deeper than 64 levels$/);
    expect(failure("logs", nested(10_000))).toMatch(/AnyValue nesting deeper than 64 levels$/);
  });
});

describe("fuzzing mutated real captures", () => {
  const samples = allFixtureBodies()
    .filter((b) => b.encoding === "json")
    .sort((a, b) => a.bytes.length - b.bytes.length)
    .slice(0, 8)
    .map((b) => ({
      signal: b.signal,
      text: b.bytes.toString("utf8"),
      value: JSON.parse(b.bytes.toString("utf8")) as unknown,
    }));

  /** Every [container, key] in a JSON tree, so a mutation can target any value. */
  function slots(root: unknown): [Record<string, unknown> | unknown[], string | number][] {
    const out: [Record<string, unknown> | unknown[], string | number][] = [];
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) {
        node.forEach((child, i) => {
          out.push([node, i]);
          visit(child);
        });
      } else if (node !== null && typeof node === "object") {
        for (const [key, child] of Object.entries(node)) {
          out.push([node as Record<string, unknown>, key]);
          visit(child);
        }
      }
    };
    visit(root);
    return out;
  }

  function decodeSafely(signal: Signal, body: Buffer): void {
    const start = performance.now();
    try {
      decodeExportRequest(signal, "json", body);
    } catch (error) {
      expect(error).toBeInstanceOf(OtlpDecodeError);
      expect((error as Error).message).not.toMatch(/^internal decoder error/);
    }
    expect(performance.now() - start).toBeLessThan(DECODE_TIME_LIMIT_MS);
  }

  it("replaces or deletes values anywhere in the tree", () => {
    const edit = fc.record({ at: fc.nat(), value: fc.jsonValue({ maxDepth: 3 }), remove: fc.boolean() });
    fc.assert(
      fc.property(fc.nat(), fc.array(edit, { minLength: 1, maxLength: 4 }), (pick, edits) => {
        const sample = samples[pick % samples.length]!;
        const tree = structuredClone(sample.value);
        for (const { at, value, remove } of edits) {
          const all = slots(tree);
          if (all.length === 0) break;
          const [container, key] = all[at % all.length]!;
          if (remove && !Array.isArray(container)) delete container[key as string];
          else (container as Record<string | number, unknown>)[key] = value;
        }
        decodeSafely(sample.signal, Buffer.from(JSON.stringify(tree)));
      }),
      { seed: 777, numRuns: 2500 },
    );
  });

  it("cuts the text anywhere", () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), (pick, cut) => {
        const sample = samples[pick % samples.length]!;
        decodeSafely(sample.signal, Buffer.from(sample.text.slice(0, cut % sample.text.length)));
      }),
      { seed: 778, numRuns: 500 },
    );
  });
});
