import { describe, expect, test } from "vitest";
import type { TelemetryRecord } from "@/db/telemetry";
import type { TurnView } from "@/lib/shared/views";
import { clipText } from "./code-block";
import { layoutSpans } from "./span-waterfall";
import { orderSteps } from "./turn-steps";
import { withTurns } from "./use-session-turns";

const span = (spanId: string, parentSpanId: string | null, startMs: number, endMs: number): TelemetryRecord =>
  ({
    signal: "traces",
    id: Number.parseInt(spanId, 36),
    name: `span ${spanId}`,
    spanId,
    parentSpanId,
    timeNs: String(BigInt(1_795_000_000_000 + startMs) * 1_000_000n),
    endTimeNs: String(BigInt(1_795_000_000_000 + endMs) * 1_000_000n),
  }) as TelemetryRecord;

describe("span waterfall layout", () => {
  test("nests children under parents in start order, offsets relative to the first start", () => {
    const { rows, totalMs } = layoutSpans([
      span("c", "a", 30, 40),
      span("a", null, 0, 100),
      span("b", "a", 10, 20),
      span("z", "missing", 50, 60),
    ]);
    expect(rows.map((row) => [row.span.spanId, row.depth, row.startMs, row.endMs])).toEqual([
      ["a", 0, 0, 100],
      ["b", 1, 10, 20],
      ["c", 1, 30, 40],
      ["z", 0, 50, 60], // its parent is not in this turn: a root
    ]);
    expect(totalMs).toBe(100);
  });
});

describe("turn steps", () => {
  test("API and tool calls interleave by start time; untimed ones keep their order at the end", () => {
    const turn = {
      api_calls: [{ started_at: 10 }, { started_at: 30 }],
      tool_calls: [
        { started_at: null, name: "late" },
        { started_at: 20, name: "t" },
      ],
    } as unknown as TurnView;
    expect(orderSteps(turn).map((step) => `${step.kind}@${step.at}`)).toEqual([
      "api@10",
      "tool@20",
      "api@30",
      "tool@null",
    ]);
  });
});

describe("code block clipping", () => {
  test("clips to 40 lines, and long single lines by characters", () => {
    const lines = Array.from({ length: 100 }, (_, i) => `line ${i}`).join("\n");
    expect(clipText(lines)?.split("\n")).toHaveLength(40);
    expect(clipText("short\ntext")).toBeNull();
    expect(clipText("x".repeat(20_000))).toHaveLength(8_000);
  });
});

describe("turn reconciliation", () => {
  const turn = (id: string, response: string, label: "good" | null = null) =>
    ({
      id,
      response,
      label: { label, note: "", labeled_by: null, labeled_at: null, version: 0 },
    }) as unknown as TurnView;

  test("unchanged turns keep their identity, a label change alone changes nothing", () => {
    const before = new Map([turn("1", "a"), turn("2", "b")].map((t) => [t.id, t]));
    expect(withTurns(before, [turn("1", "a", "good"), turn("2", "b")])).toBe(before);
    const after = withTurns(before, [turn("1", "a"), turn("2", "b2"), turn("3", "c")]);
    expect(after.get("1")).toBe(before.get("1"));
    expect(after.get("2")).not.toBe(before.get("2"));
    expect(after.get("2")!.response).toBe("b2");
    expect(after.size).toBe(3);
  });
});
