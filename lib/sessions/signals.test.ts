// Turn signals: the rules on synthetic turns, and a golden pass over every capture folder (in process; the
// same derivation through the real server is e2e/golden/signals.test.ts).
import { describe, expect, it } from "vitest";
import { buildSession, groupRecordsBySession } from "@/lib/adapters";
import { binaryDecoder } from "@/e2e/support/binary-decoder";
import {
  listFixtureFolders,
  loadFixtureRecords,
  makeRecord,
  readExpected,
} from "@/e2e/support/fixture-records";
import {
  FAILURE_SCENARIO,
  impliedSignalKinds,
  REFINEMENTS,
  scenarioOf,
} from "@/e2e/support/expected-signals";
import { MANY_STEPS_THRESHOLD, triageScore, turnSignals } from "./signals";
import type { TurnData } from "./types";

function turn(fields: Partial<TurnData>): TurnData {
  return {
    key: "k",
    index: 0,
    prompt: "p",
    prompt_redacted: false,
    response: "done",
    model: null,
    tool_calls: [],
    api_calls: [],
    api_errors: 0,
    input_tokens: 0,
    output_tokens: 0,
    cached_input_tokens: 0,
    reasoning_tokens: 0,
    cost_usd: null,
    ttft_ms: null,
    messages: [],
    intermediate_messages: false,
    started_at: 0,
    ended_at: 0,
    trace_ids: [],
    record_ids: { logs: [], traces: [], metrics: [] },
    signals: [],
    suggested_labels: [],
    helper_input_tokens: 0,
    helper_output_tokens: 0,
    extra: null,
    ...fields,
  };
}

const call = (fields: Partial<TurnData["tool_calls"][number]>): TurnData["tool_calls"][number] => ({
  name: "shell",
  call_id: null,
  arguments: null,
  output: null,
  success: true,
  exit_code: null,
  duration_ms: null,
  decision: "accept",
  started_at: null,
  span_id: null,
  helper: null,
  file_change: null,
  ...fields,
});

const quiet = { answersLogged: true, feedback: [] };

describe("turnSignals", () => {
  it("is empty for a clean turn", () => {
    expect(turnSignals(turn({ tool_calls: [call({ exit_code: 0 })] }), [], {}, quiet)).toEqual([]);
  });

  it("flags a failed tool with its exit code, also when the client kept success true", () => {
    const signals = turnSignals(
      turn({ tool_calls: [call({ exit_code: 3 }), call({ success: false })] }),
      [],
      {},
      quiet,
    );
    expect(signals).toEqual([
      { kind: "tool_failed", tool: "shell", call_index: 0, exit_code: 3 },
      { kind: "tool_failed", tool: "shell", call_index: 1, exit_code: null },
    ]);
  });

  it("flags a rejected call as rejected, not failed", () => {
    const signals = turnSignals(
      turn({ tool_calls: [call({ success: false, decision: "reject" })] }),
      [],
      {},
      quiet,
    );
    expect(signals).toEqual([{ kind: "tool_rejected", tool: "shell", call_index: 0 }]);
  });

  it("names failed test and build commands", () => {
    const calls = [
      call({ arguments: '{"command":"npm test"}', exit_code: 1 }),
      call({ arguments: '{"cmd":"cargo build --release"}', success: false }),
      call({ arguments: '{"command":"npm test"}', exit_code: 0 }),
    ];
    const kinds = turnSignals(turn({ tool_calls: calls }), [], {}, quiet).map(
      (s) => s.kind === "check_failed" && s.check,
    );
    expect(kinds).toEqual([false, "test", false, "build"]);
  });

  it("counts API errors with their status codes", () => {
    const failed = {
      model: null,
      started_at: null,
      duration_ms: null,
      input_tokens: 0,
      output_tokens: 0,
      cached_input_tokens: 0,
      reasoning_tokens: 0,
      cost_usd: null,
      error: "x",
      success: false,
      helper: null,
    };
    const signals = turnSignals(
      turn({
        response: null,
        api_errors: 2,
        api_calls: [
          { ...failed, status_code: 500 },
          { ...failed, status_code: 429 },
          { ...failed, status_code: 500 },
        ],
      }),
      [],
      {},
      quiet,
    );
    expect(signals).toEqual([
      { kind: "api_error", failed_attempts: 2, status_codes: [429, 500] },
      { kind: "no_answer" },
    ]);
  });

  it("reports no answer only when the session logs answers or every model call failed", () => {
    expect(turnSignals(turn({ response: null }), [], {}, quiet)).toEqual([{ kind: "no_answer" }]);
    expect(turnSignals(turn({ response: null }), [], {}, { answersLogged: false, feedback: [] })).toEqual([]);
  });

  it("flags many steps above the threshold", () => {
    const calls = Array.from({ length: MANY_STEPS_THRESHOLD + 1 }, () => call({}));
    expect(turnSignals(turn({ tool_calls: calls }), [], {}, quiet)).toEqual([
      { kind: "many_steps", steps: MANY_STEPS_THRESHOLD + 1, threshold: MANY_STEPS_THRESHOLD },
    ]);
  });

  it("asks the client's reader for interrupts, once per source", () => {
    const reader = { interruptOf: (r: { name: string }) => (r.name === "abort" ? "x:abort" : null) };
    const records = [
      makeRecord({ id: 1, name: "abort" }),
      makeRecord({ id: 2, name: "abort" }),
      makeRecord({ id: 3 }),
    ];
    expect(turnSignals(turn({}), records, reader, quiet)).toEqual([
      { kind: "interrupted", source: "x:abort" },
    ]);
  });

  it("scores bad feedback and interrupts above tool failures, good feedback down, never below 0", () => {
    expect(triageScore([{ kind: "interrupted", source: "x" }])).toBeGreaterThan(
      triageScore([{ kind: "tool_failed", tool: "t", call_index: 0, exit_code: 1 }]),
    );
    expect(triageScore([{ kind: "feedback", source: "q", rating: 3, label: "good" }])).toBe(0);
    expect(triageScore([{ kind: "feedback", source: "q", rating: 1, label: "bad" }])).toBeGreaterThan(5);
  });
});

describe("golden: signals over every capture folder", () => {
  for (const folder of listFixtureFolders()) {
    it(folder, () => {
      const expected = readExpected(folder);
      const sessions = [...groupRecordsBySession(loadFixtureRecords(folder, binaryDecoder))]
        .map(([id, group]) => buildSession(id, group))
        .flatMap((result) => (result.kind === "session" ? [result.session] : []));
      let signaled = 0;
      for (const want of expected.sessions) {
        const got = sessions.find((session) => session.id === want.id);
        want.turns.forEach((wantTurn: unknown, i: number) => {
          const implied = impliedSignalKinds(folder, wantTurn as never);
          const kinds = [...new Set((got?.turns[i]?.signals ?? []).map((s) => s.kind))];
          if (implied.length === 0) expect(kinds, `turn ${i}`).toEqual([]);
          else expect(kinds.filter((k) => !REFINEMENTS.has(k)).sort(), `turn ${i}`).toEqual(implied);
          if (kinds.length > 0) signaled++;
        });
      }
      if (FAILURE_SCENARIO.test(scenarioOf(folder))) expect(signaled).toBeGreaterThan(0);
    });
  }
});

describe("client interrupt readers", () => {
  it("recognise what each client logs when the user interrupts", async () => {
    const { codex } = await import("@/lib/adapters/codex");
    const { claudeCode } = await import("@/lib/adapters/claude-code");
    const { geminiCli } = await import("@/lib/adapters/gemini-cli");
    const { qwenCode } = await import("@/lib/adapters/qwen-code");
    const log = (name: string, attrs: Record<string, string>) =>
      makeRecord({ id: 1, name, attrs: { "event.name": name, ...attrs } });
    expect(codex.nativeEvents?.interruptOf?.(log("codex.tool_decision", { decision: "abort" }))).toBe(
      "codex.tool_decision:abort",
    );
    expect(codex.nativeEvents?.interruptOf?.(log("codex.tool_decision", { decision: "denied" }))).toBeNull();
    expect(
      claudeCode.nativeEvents?.interruptOf?.(
        log("tool_decision", { decision: "reject", source: "user_abort" }),
      ),
    ).toBe("tool_decision:user_abort");
    expect(
      claudeCode.nativeEvents?.interruptOf?.(log("tool_decision", { decision: "reject", source: "config" })),
    ).toBeNull();
    expect(claudeCode.nativeEvents?.interruptOf?.(log("api_error", { error: "Request was aborted." }))).toBe(
      "api_error:aborted",
    );
    expect(geminiCli.nativeEvents?.interruptOf?.(log("gemini_cli.tool_call", { decision: "cancel" }))).toBe(
      "gemini_cli.tool_call:cancelled",
    );
    expect(
      geminiCli.nativeEvents?.interruptOf?.(log("gemini_cli.tool_call", { decision: "reject" })),
    ).toBeNull();
    expect(qwenCode.nativeEvents?.interruptOf?.(log("qwen-code.tool_call", { status: "cancelled" }))).toBe(
      "qwen-code.tool_call:cancelled",
    );
  });

  it("read agent feedback on the 1–3 scale, ignoring a dismissed survey", async () => {
    const { claudeCode } = await import("@/lib/adapters/claude-code");
    const { qwenCode } = await import("@/lib/adapters/qwen-code");
    const log = (name: string, attrs: Record<string, string | number>) =>
      makeRecord({ id: 1, name, attrs: { "event.name": name, ...attrs } });
    const survey = (response: string) =>
      log("claude_code.feedback_survey", { event_type: "responded", survey_type: "session", response });
    expect(claudeCode.nativeEvents?.feedbackOf?.(survey("1"))).toMatchObject({ rating: 1, label: "bad" });
    expect(claudeCode.nativeEvents?.feedbackOf?.(survey("good"))).toMatchObject({ rating: 3, label: "good" });
    expect(claudeCode.nativeEvents?.feedbackOf?.(survey("0"))).toBeNull();
    expect(
      claudeCode.nativeEvents?.feedbackOf?.(log("claude_code.feedback_survey", { event_type: "appeared" })),
    ).toBeNull();
    expect(
      qwenCode.nativeEvents?.feedbackOf?.(log("qwen-code.user_feedback", { rating: 2, prompt_id: "p1" })),
    ).toEqual({
      source: "qwen-code.user_feedback",
      rating: 2,
      label: null,
      turnKey: "p1",
    });
    expect(qwenCode.nativeEvents?.feedbackOf?.(log("qwen-code.user_feedback", { rating: 7 }))).toBeNull();
  });
});
