// Suggested labels: reading gen_ai.evaluation.result records (hostile values included), linking them and
// agent feedback to the right turn, de-duplication and the per-turn bound.
import { describe, expect, it } from "vitest";
import type { TelemetryRecord } from "@/db/telemetry";
import { makeRecord } from "@/e2e/support/fixture-records";
import type { NativeEventReader } from "./signals";
import {
  evaluationOf,
  linkJudgements,
  MAX_SUGGESTIONS_PER_TURN,
  toSuggestedLabel,
  type TurnLinkTarget,
} from "./suggestions";
import type { TurnData } from "./types";

const evaluation = (
  id: number,
  attrs: TelemetryRecord["attrs"],
  fields: Partial<TelemetryRecord> = {},
): TelemetryRecord =>
  makeRecord({
    id,
    name: "gen_ai.evaluation.result",
    attrs: { "gen_ai.evaluation.name": "quality", ...attrs },
    ...fields,
  });

function target(
  key: string,
  startedMs: number,
  records: TelemetryRecord[],
  traceIds: string[] = [],
): TurnLinkTarget {
  const turn = { key, started_at: startedMs, trace_ids: traceIds } as TurnData;
  return { turn, records };
}

describe("evaluationOf", () => {
  it("reads the conventions' attributes and maps the score label", () => {
    const record = evaluation(1, {
      "gen_ai.evaluation.score.label": "Pass",
      "gen_ai.evaluation.score.value": 0.9,
      "gen_ai.evaluation.explanation": "ok",
    });
    expect(evaluationOf(record)).toEqual({
      source: "gen_ai.evaluation.result",
      name: "quality",
      label: "good",
      score_label: "Pass",
      score_value: 0.9,
      explanation: "ok",
    });
  });

  it("ignores records without a name, spans and other events; bounds hostile values", () => {
    expect(evaluationOf(makeRecord({ id: 1, name: "gen_ai.evaluation.result" }))).toBeNull();
    expect(evaluationOf(evaluation(2, {}, { signal: "traces" }))).toBeNull();
    expect(
      evaluationOf(makeRecord({ id: 3, name: "other", attrs: { "gen_ai.evaluation.name": "x" } })),
    ).toBeNull();
    const hostile = evaluationOf(
      evaluation(4, {
        "gen_ai.evaluation.name": "n".repeat(1000),
        "gen_ai.evaluation.score.value": "NaN",
        "gen_ai.evaluation.explanation": "e".repeat(100_000),
        "gen_ai.evaluation.score.label": { nested: true },
      }),
    )!;
    expect(hostile.name.length).toBe(200);
    expect(hostile.explanation!.length).toBe(4000);
    expect(hostile.score_value).toBeNull();
    expect(hostile.score_label).toBeNull();
    expect(hostile.label).toBeNull();
  });

  it("maps only labels that say good or bad", () => {
    expect(["fail", "incorrect", "bad"].map(toSuggestedLabel)).toEqual(["bad", "bad", "bad"]);
    expect(["relevant", "correct"].map(toSuggestedLabel)).toEqual(["good", "good"]);
    expect(["medium", null, ""].map(toSuggestedLabel)).toEqual([null, null, null]);
  });
});

describe("linkJudgements", () => {
  const spanOfTurn1 = makeRecord({
    id: 10,
    signal: "traces",
    spanId: "aa".repeat(8),
    traceId: "11".repeat(16),
    attrs: { "gen_ai.response.id": "resp-1" },
  });
  const targets = [
    target("t0", 1000, []),
    target("t1", 2000, [spanOfTurn1], ["11".repeat(16)]),
    target("t2", 3000, []),
  ];
  const at = (ms: number): string => String(BigInt(ms) * 1_000_000n);

  it("links by span, trace, response id, prompt id, else the last turn started before it", () => {
    const records = [
      evaluation(1, {}, { parentSpanId: "aa".repeat(8), timeNs: at(9000) }),
      evaluation(2, { "gen_ai.response.id": "resp-1" }, { timeNs: at(9001) }),
      evaluation(3, { prompt_id: "t0" }, { timeNs: at(9002) }),
      evaluation(4, {}, { timeNs: at(2500) }),
      evaluation(5, {}, { timeNs: at(500) }), // before every turn: linked nowhere
    ];
    const linked = linkJudgements(targets, records, {});
    expect(linked.map((l) => l.suggestions.length)).toEqual([1, 3, 0]);
  });

  it("reads feedback through the client's reader, counts a re-fed record once, and bounds the list", () => {
    const reader: NativeEventReader = {
      feedbackOf: (r) =>
        r.name === "fb" ? { source: "x.feedback", rating: 1, label: "bad", turnKey: "t2" } : null,
    };
    const fb = makeRecord({ id: 1, name: "fb", timeNs: at(4000) });
    const linked = linkJudgements(targets, [fb, { ...fb, id: 99 }], reader);
    expect(linked[2]!.feedback).toEqual([{ source: "x.feedback", rating: 1, label: "bad", turnKey: "t2" }]);
    expect(linked[2]!.suggestions).toHaveLength(1);
    const flood = Array.from({ length: 500 }, (_, i) => evaluation(i, {}, { timeNs: at(5000 + i) }));
    expect(linkJudgements(targets, flood, {})[2]!.suggestions).toHaveLength(MAX_SUGGESTIONS_PER_TURN);
  });
});
