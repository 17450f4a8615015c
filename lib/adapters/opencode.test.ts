// opencode on its real captures: turns by user message, not by trace; two sessions sharing one
// `opencode serve` trace each keep exactly their own turns; the title call is a helper even without the log
// that names its agent.
import { describe, expect, it } from "vitest";
import type { TelemetryRecord } from "@/db/telemetry";
import { buildSession, groupRecordsBySession } from "./index";
import { buildFixture, loadFixtureRecords, sessionOf } from "@/e2e/support/fixture-records";

const TEXT = "../otlp-more/opencode/text";
const SHELL = "../otlp-more/opencode/shell";
const TUI = "../otlp-more/opencode/tui-two-prompts";

/** Every record moved onto one trace, as one `opencode serve` process exports everything it does. */
const oneTrace = (records: TelemetryRecord[]): TelemetryRecord[] =>
  records.map((record) =>
    record.traceId ? { ...record, traceId: "0123456789abcdef0123456789abcdef" } : record,
  );

describe("opencode", () => {
  it("cuts turns by user message when both prompts share one trace", () => {
    const [session] = buildFixture(TUI, oneTrace).map(sessionOf);
    expect(session!.turns.map((turn) => turn.prompt)).toEqual([
      "Say hello and tell me one fun fact.",
      "Now list the files here.",
    ]);
    expect(session!.turns.map((turn) => turn.tool_calls.length)).toEqual([0, 1]);
  });

  it("gives two sessions on one server trace exactly their own turns", () => {
    let next = 1;
    const records = oneTrace([...loadFixtureRecords(TEXT), ...loadFixtureRecords(SHELL)]).map((record) => ({
      ...record,
      id: next++,
    }));
    const sessions = [...groupRecordsBySession(records)].map(([id, group]) =>
      sessionOf(buildSession(id, group)),
    );
    const byId = new Map(sessions.map((session) => [session.id, session]));
    expect([...byId.keys()].sort()).toEqual([
      "ses_dccf35bcfffeBl2yB1PHzskjhB",
      "ses_dccfadb21ffeHJHTurnHO0ZKQq",
    ]);
    const text = byId.get("ses_dccf35bcfffeBl2yB1PHzskjhB")!;
    const shell = byId.get("ses_dccfadb21ffeHJHTurnHO0ZKQq")!;
    expect(text.turns.map((turn) => [turn.prompt, turn.input_tokens, turn.tool_calls.length])).toEqual([
      ['"Say hello and tell me one fun fact."', 3691, 0],
    ]);
    expect(shell.turns.map((turn) => [turn.prompt, turn.input_tokens, turn.tool_calls.length])).toEqual([
      ['"Please list the files in this directory."', 6860, 1],
    ]);
  });

  it("marks the title call as a helper from its prompt when the log naming its agent is missing", () => {
    const [session] = buildFixture(TEXT, (records) =>
      records.filter((record) => record.signal !== "logs"),
    ).map(sessionOf);
    const turn = session!.turns[0]!;
    expect(turn.api_calls.map((call) => call.helper)).toEqual(["title", null]);
    expect([
      turn.input_tokens - turn.helper_input_tokens,
      turn.output_tokens - turn.helper_output_tokens,
    ]).toEqual([3103, 28]);
  });

  it("says the prompt is missing, and shows no made-up answer, when the content was not recorded", () => {
    const stripped = (records: TelemetryRecord[]): TelemetryRecord[] =>
      records.map((record) => ({
        ...record,
        attrs: Object.fromEntries(
          Object.entries(record.attrs).filter(
            ([key]) => !key.startsWith("ai.prompt") && key !== "ai.response.text",
          ),
        ),
      }));
    const [session] = buildFixture(TEXT, stripped).map(sessionOf);
    expect(session!.turns).toHaveLength(1);
    expect(session!.turns[0]).toMatchObject({
      prompt: null,
      prompt_redacted: true,
      response: null,
      input_tokens: 3691,
    });
  });
});
