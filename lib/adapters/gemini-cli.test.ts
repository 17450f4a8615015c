// Gemini CLI rules from the fixtures README: router model vs. tokens, response chunks, /quit, logPrompts:false.
import { describe, expect, it } from "vitest";
import type { TelemetryRecord } from "@/db/telemetry";
import { eventName } from "./common";
import { chunkText } from "./gemini-cli";
import { buildFixture, sessionOf } from "@/e2e/support/fixture-records";

const TWO = "gemini-cli/two-prompts/http";
const ROUTER = "gemini-3.5-flash-lite";
const is = (name: string) => (record: TelemetryRecord) =>
  record.signal === "logs" && eventName(record) === name;

describe("gemini router model (README: not the main model, but its tokens count)", () => {
  it("names the main model and counts the router call's tokens", () => {
    const turn = sessionOf(buildFixture(TWO)[0]).turns[0]!;
    const router = turn.api_calls.filter((call) => call.model === ROUTER);
    expect(turn.model).toBe("gemini-3.8-flash");
    expect(router).toHaveLength(1);
    expect(turn.input_tokens).toBe(turn.api_calls.reduce((total, call) => total + call.input_tokens, 0));
    expect(turn.input_tokens).toBe(8843); // 746 router + 8097 main
  });

  it("never falls back to the router model, even when it is the only response", () => {
    const [result] = buildFixture(TWO, (records) =>
      records.filter((r) => !(is("gemini_cli.api_response")(r) && r.attrs.role === "main")),
    );
    const turn = sessionOf(result).turns[0]!;
    expect(turn.model).toBe("gemini-3.8-flash"); // the model that was asked (api_request role main)
    expect(turn.input_tokens).toBe(746);
  });
});

describe("gemini slash commands and redaction", () => {
  it("does not make /quit a turn", () => {
    const session = sessionOf(buildFixture(TWO)[0]);
    expect(session.turns.map((turn) => turn.prompt)).toEqual(["Say hello", "Now list the files here"]);
    expect(session.turns.flatMap((turn) => turn.trace_ids)).not.toContain("89cbe6189cf48a6823e9f26d9aac4a4b");
  });

  it("treats an absent prompt attribute (logPrompts:false) as redacted", () => {
    const [result] = buildFixture(TWO, (records) =>
      records.map((r) => {
        if (!is("gemini_cli.user_prompt")(r)) return r;
        const { prompt: _dropped, ...attrs } = r.attrs;
        return { ...r, attrs };
      }),
    );
    expect(sessionOf(result).turns.map((turn) => [turn.prompt, turn.prompt_redacted])).toEqual([
      [null, true],
      [null, true],
    ]);
  });
});

describe("gemini response text", () => {
  it("concatenates non-thought text parts of streamed chunks", () => {
    const chunk = (text: string, thought = false) => ({
      candidates: [{ content: { parts: [{ text, thought }] } }],
    });
    expect(chunkText([chunk("thinking…", true), chunk("Hello "), chunk("world")])).toBe("Hello world");
    expect(chunkText(chunk("single object"))).toBe("single object");
    expect(chunkText([chunk("only thoughts", true)])).toBeNull();
    expect(chunkText(undefined)).toBeNull();
  });

  it("takes the exit code from metadata and the output from the schedule span", () => {
    const calls = sessionOf(buildFixture("gemini-cli/tool-fail/http")[0]).turns[0]!.tool_calls;
    expect(calls.map((call) => [call.name, call.exit_code, call.decision])).toEqual([
      ["run_shell_command", 2, "accept"],
      ["read_file", null, null],
    ]);
    expect(calls[1]!.output).toMatch(/^Path not in workspace/);
    expect(calls[0]!.call_id).toMatch(/^run_shell_command__/);
    expect(calls[0]!.span_id).not.toBeNull();
  });
});
