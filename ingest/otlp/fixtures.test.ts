// Golden tests on the real captures: every body decodes, record counts match each folder's expected.json, and
// every protobuf body's canonical JSON decodes back (as OTLP/JSON) to the identical canonical form.
import { describe, expect, it } from "vitest";
import { decodeExportRequest } from "./decode";
import { fixtureFolders, label } from "@/e2e/support/fixture-bodies";
import type { Signal } from "./types";

const COUNT_KEYS = { logs: "log_records", traces: "spans", metrics: "metric_data_points" } as const;
const folders = fixtureFolders();

describe("fixture captures", () => {
  it("finds the captures", () => {
    expect(folders.length).toBeGreaterThan(10);
    const encodings = new Set(folders.flatMap((f) => f.bodies.map((b) => b.encoding)));
    expect([...encodings].sort()).toEqual(["json", "protobuf"]);
  });

  describe.each(folders.map((f) => [label(f.dir), f] as const))("%s", (_, folder) => {
    it("decodes every body and matches expected.json record_counts", () => {
      const counts: Record<Signal, number> = { logs: 0, traces: 0, metrics: 0 };
      for (const body of folder.bodies) {
        const decoded = decodeExportRequest(body.signal, body.encoding, body.bytes);
        expect(decoded.rejected, label(body.file)).toBe(0);
        counts[body.signal] += decoded.records;
      }
      for (const signal of ["logs", "traces", "metrics"] as const) {
        expect(counts[signal], `${signal} records`).toBe(folder.counts[COUNT_KEYS[signal]]);
      }
    });

    const binaries = folder.bodies.filter((b) => b.encoding === "protobuf");
    if (binaries.length > 0) {
      it("round-trips each protobuf body through the JSON decoder unchanged", () => {
        for (const body of binaries) {
          const first = decodeExportRequest(body.signal, "protobuf", body.bytes);
          const canonical = JSON.stringify(first.request);
          const second = decodeExportRequest(body.signal, "json", Buffer.from(canonical));
          expect(JSON.stringify(second.request), label(body.file)).toBe(canonical);
          expect(second.records).toBe(first.records);
        }
      });
    }

    const jsons = folder.bodies.filter((b) => b.encoding === "json");
    if (jsons.length > 0) {
      it("is idempotent on each JSON body (canonical in, same canonical out)", () => {
        for (const body of jsons) {
          const canonical = JSON.stringify(decodeExportRequest(body.signal, "json", body.bytes).request);
          const again = decodeExportRequest(body.signal, "json", Buffer.from(canonical));
          expect(JSON.stringify(again.request), label(body.file)).toBe(canonical);
        }
      });
    }
  });
});

describe("canonical form of the captures", () => {
  it("spells ids as lowercase hex and 64-bit integers as decimal strings", () => {
    const spans = folders
      .flatMap((f) => f.bodies)
      .filter((b) => b.signal === "traces" && b.encoding === "protobuf")
      .flatMap((b) => decodeExportRequest("traces", "protobuf", b.bytes).request.resourceSpans ?? [])
      .flatMap((rs) => rs.scopeSpans ?? [])
      .flatMap((ss) => ss.spans ?? []);
    expect(spans.length).toBeGreaterThan(0);
    for (const span of spans) {
      expect(span.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(span.spanId).toMatch(/^[0-9a-f]{16}$/);
      expect(span.startTimeUnixNano).toMatch(/^[1-9][0-9]{18}$/);
    }
  });
});
