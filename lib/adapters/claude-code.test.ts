// Claude Code rules from the fixtures README: slash commands, api_errors with and without traces, --continue.
import { describe, expect, it } from "vitest";
import type { SpanEvent, TelemetryRecord } from "@/db/telemetry";
import { countFailedAttempts } from "./claude-code";
import { buildFixture, makeRecord, sessionOf } from "@/e2e/support/fixture-records";

const TEXT = "claude-code/text/http-json";
const API_ERROR = "claude-code/api-error/http-json";
const EXIT_TRACE = "e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0";

/** What Claude logs for `/exit`: a user_prompt with command_name, and its own interaction span and trace. */
function exitCommand(like: TelemetryRecord): TelemetryRecord[] {
  const sessionId = like.attrs["session.id"]!;
  return [
    makeRecord({
      id: 9_001,
      resource: like.resource,
      name: "user_prompt",
      timeNs: "1795273999000000000",
      traceId: EXIT_TRACE,
      spanId: "e1e1e1e1e1e1e1e1",
      attrs: {
        "session.id": sessionId,
        "event.name": "user_prompt",
        "prompt.id": "exit-prompt",
        prompt: "/exit",
        command_name: "exit",
        command_source: "builtin",
      },
    }),
    makeRecord({
      id: 9_002,
      signal: "traces",
      resource: like.resource,
      name: "claude_code.interaction",
      timeNs: "1795273998900000000",
      endTimeNs: "1795273999100000000",
      traceId: EXIT_TRACE,
      spanId: "e1e1e1e1e1e1e1e1",
      attrs: { "session.id": sessionId, user_prompt: "/exit", "interaction.sequence": 3 },
    }),
  ];
}

describe("claude slash commands (README: /exit is not a turn)", () => {
  it("does not make /exit a turn, nor attach its trace to one", () => {
    const [result] = buildFixture(TEXT, (records) => [
      ...records,
      ...exitCommand(records.find((r) => r.name === "user_prompt")!),
    ]);
    const session = sessionOf(result);
    expect(session.turns.map((turn) => turn.prompt)).toEqual(["Say hello in one short sentence."]);
    expect(session.turns.map((turn) => turn.key)).not.toContain("exit-prompt");
    expect(session.turns.flatMap((turn) => turn.trace_ids)).not.toContain(EXIT_TRACE);
  });

  it("excludes a session that only ran /exit", () => {
    const [result] = buildFixture(TEXT, (records) =>
      exitCommand(records.find((r) => r.name === "user_prompt")!),
    );
    expect(result?.kind).toBe("excluded");
  });
});

const attempt = (n: number): SpanEvent => ({
  name: "gen_ai.request.attempt",
  timeNs: "1",
  attrs: { attempt: n },
});
const llmSpan = (events: SpanEvent[], fields: Partial<TelemetryRecord> = {}): TelemetryRecord =>
  makeRecord({
    id: 1,
    signal: "traces",
    name: "claude_code.llm_request",
    events,
    attrs: { success: true },
    ...fields,
  });
const apiError = (attempts: number): TelemetryRecord =>
  makeRecord({
    id: 2,
    name: "api_error",
    attrs: { "event.name": "api_error", attempt: attempts, error: "500" },
  });

describe("claude api_errors (README: failed attempts, not error events)", () => {
  it("counts span attempt events minus the successful one when traces exist", () => {
    expect(countFailedAttempts([llmSpan([attempt(1), attempt(2), attempt(3), attempt(4)])], [])).toBe(3);
    const fatal = llmSpan([attempt(1), attempt(2), attempt(3)], { statusCode: 2, attrs: { success: false } });
    expect(countFailedAttempts([fatal], [apiError(3)])).toBe(3);
    expect(countFailedAttempts([llmSpan([attempt(1)])], [])).toBe(0);
  });

  it("uses the attempt of each api_error event without traces", () => {
    expect(countFailedAttempts([], [apiError(3)])).toBe(3);
    expect(countFailedAttempts([], [apiError(1), apiError(2)])).toBe(3);
    expect(countFailedAttempts([], [])).toBe(0);
  });

  it("gives 3 for the captured 529,429,500-then-success turn (4 attempt events on one span)", () => {
    expect(sessionOf(buildFixture(API_ERROR)[0]).turns[0]!.api_errors).toBe(3);
  });

  it("lists a failed api_error event as a failed api call", () => {
    const [result] = buildFixture(API_ERROR, (records) => {
      const prompt = records.find((r) => r.name === "user_prompt")!;
      const failure = makeRecord({
        ...apiError(2),
        id: 5_000,
        resource: prompt.resource,
        timeNs: "1795273123000000000",
        attrs: {
          "session.id": prompt.attrs["session.id"]!,
          "prompt.id": prompt.attrs["prompt.id"]!,
          "event.name": "api_error",
          attempt: 2,
          error: "Overloaded",
          status_code: "529",
          model: "claude-opus-5-5",
        },
      });
      return [...records.filter((r) => r.signal !== "traces"), failure];
    });
    const turn = sessionOf(result).turns[0]!;
    expect(turn.api_errors).toBe(2);
    expect(turn.api_calls.map((call) => [call.success, call.status_code, call.error])).toEqual([
      [false, 529, "Overloaded"],
      [true, null, null],
    ]);
  });
});

describe("claude sessions without a prompt", () => {
  it("excludes the --continue start-up id seen only on start-up events and a metric point", () => {
    const results = buildFixture("claude-code/continue/http-json");
    const excluded = results.filter((r) => r.kind === "excluded");
    expect(excluded.map((r) => r.kind === "excluded" && r.id)).toEqual([
      "ca9e5ce9-c5b5-476c-a9eb-1c2a2dc91743",
    ]);
    expect(excluded[0]?.kind === "excluded" && excluded[0].reason).toMatch(
      /no user prompt.*claude_code\.session\.count/,
    );
  });

  it("has no turn before the user_prompt event arrives (spans alone)", () => {
    const [result] = buildFixture(TEXT, (records) => records.filter((r) => r.signal !== "logs"));
    expect(result?.kind).toBe("excluded");
  });

  it("reports redacted prompts and responses as null", () => {
    const turn = sessionOf(buildFixture("claude-code/no-prompt-logging/http-json")[0]).turns[0]!;
    expect([turn.prompt, turn.prompt_redacted, turn.response]).toEqual([null, true, null]);
    expect(turn.cost_usd).toBeGreaterThan(0);
  });
});
