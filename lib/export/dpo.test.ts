// Pair forming on its own: corrections give chosen = correction, label pairs are good × bad of one prompt,
// identical rows and pairs whose sides are equal are dropped.
import { describe, expect, test } from "vitest";
import type { PromptGroupRow } from "@/db/queries/export";
import type { ExportRow } from "@/db/queries/export-rows";
import { dpoRows, type DpoRow } from "./dpo";

function row(
  id: string,
  fields: {
    prompt: string;
    response: string | null;
    label?: "good" | "bad" | null;
    correction?: string | null;
    reasons?: string[];
  },
): PromptGroupRow {
  const data = {
    key: id,
    index: 0,
    prompt: fields.prompt,
    prompt_redacted: false,
    response: fields.response,
    model: "m",
    tool_calls: [],
    api_calls: [],
    api_errors: 0,
    input_tokens: 0,
    output_tokens: 0,
    cached_input_tokens: 0,
    reasoning_tokens: 0,
    cost_usd: null,
    started_at: 1,
    ended_at: 2,
    trace_ids: [],
    record_ids: { logs: [], traces: [], metrics: [] },
  };
  const base: ExportRow = {
    turnId: id,
    sessionId: `s-${id}`,
    client: "c",
    clientVersion: null,
    data: JSON.stringify(data),
    label: fields.label ?? null,
    note: null,
    reasons: JSON.stringify(fields.reasons ?? []),
    correction: fields.correction ?? null,
    labeledBy: "me",
    labeledAt: 5,
    sessionLabel: null,
    sessionNote: null,
  };
  return { ...base, promptKey: fields.prompt.trim() };
}

const same = (text: string | null): string | null => text;

async function pairsOf(sources: Parameters<typeof dpoRows>[0]): Promise<DpoRow[]> {
  const rows: DpoRow[] = [];
  for await (const row of dpoRows(sources)) rows.push(row);
  return rows;
}

describe("dpo pairs", () => {
  test("a correction gives chosen = correction, rejected = the agent's answer", async () => {
    const rows = await pairsOf({
      corrected: [row("a", { prompt: "p", response: "wrong", correction: "right" })],
      promptGroups: [],
      scrub: same,
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.prompt).toEqual([{ role: "user", content: "p" }]);
    expect(rows[0]!.chosen).toEqual([{ role: "assistant", content: "right" }]);
    expect(rows[0]!.rejected).toEqual([{ role: "assistant", content: "wrong" }]);
    expect(rows[0]!.metadata).toMatchObject({
      source: "correction",
      chosen: { turn_id: "a", corrected: true },
      rejected: { turn_id: "a", corrected: false },
    });
  });

  test("a correction equal to the answer gives nothing", async () => {
    const rows = await pairsOf({
      corrected: [row("a", { prompt: "p", response: "same", correction: "same" })],
      promptGroups: [],
      scrub: same,
    });
    expect(rows).toHaveLength(0);
  });

  test("good × bad per prompt; same-label turns and equal answers give nothing; duplicates once", async () => {
    const groups = [
      row("g1", { prompt: "p", response: "good answer", label: "good" }),
      row("b1", { prompt: "p", response: "bad answer", label: "bad", reasons: ["hallucinated"] }),
      row("b2", { prompt: "p", response: "bad answer", label: "bad" }), // same content as b1: one row
      row("b3", { prompt: "p", response: "good answer", label: "bad" }), // same as the chosen side: dropped
      row("g2", { prompt: "q", response: "x", label: "good" }),
      row("g3", { prompt: "q", response: "y", label: "good" }),
    ];
    const rows = await pairsOf({ corrected: [], promptGroups: groups, scrub: same });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.metadata).toMatchObject({
      source: "labels",
      chosen: { turn_id: "g1", label: "good" },
      rejected: { turn_id: "b1", label: "bad", reasons: ["hallucinated"] },
    });
  });

  test("the good side's correction is the chosen answer", async () => {
    const groups = [
      row("g", { prompt: "p", response: "ok", label: "good", correction: "better" }),
      row("b", { prompt: "p", response: "bad", label: "bad" }),
    ];
    const rows = await pairsOf({ corrected: [], promptGroups: groups, scrub: same });
    expect(rows[0]!.chosen).toEqual([{ role: "assistant", content: "better" }]);
    expect(rows[0]!.metadata.chosen.corrected).toBe(true);
  });
});
