// Copilot CLI rules from the fixtures README: the invoke_agent span is the turn, the datetime prefix is stripped.
import { describe, expect, it } from "vitest";
import type { TelemetryRecord } from "@/db/telemetry";
import { stripCopilotContext } from "./copilot-cli";
import { buildFixture, sessionOf } from "@/e2e/support/fixture-records";

const SHELL = "copilot-cli/shell/http-json";
const isChat = (r: TelemetryRecord): boolean => r.name.startsWith("chat ");

describe("copilot prompt (README decision 5)", () => {
  it("strips the injected <current_datetime> block and nothing else", () => {
    expect(
      stripCopilotContext("<current_datetime>2026-11-21T14:49:57.569+00:00</current_datetime>\n\nHi"),
    ).toBe("Hi");
    expect(stripCopilotContext("Hi <current_datetime>x</current_datetime>\n\n")).toBe(
      "Hi <current_datetime>x</current_datetime>\n\n",
    );
    expect(sessionOf(buildFixture(SHELL)[0]).turns[0]!.prompt).toBe(
      "Please list the files in this directory.",
    );
  });
});

describe("copilot turns (README: invoke_agent span, not github.copilot.turn_id)", () => {
  it("makes one turn of an invoke_agent whose chat spans have turn_id 0 and 1", () => {
    const session = sessionOf(buildFixture(SHELL)[0]);
    expect(session.turns).toHaveLength(1);
    expect(session.turns[0]!.key).toBe("c8ffe8c2a5a076c0");
    expect(session.turns[0]!.api_calls).toHaveLength(2);
  });

  it("has no turn until the invoke_agent span arrives", () => {
    const [result] = buildFixture(SHELL, (records) => records.filter((r) => r.name !== "invoke_agent"));
    expect(result?.kind).toBe("excluded");
  });

  it("counts a chat span with status ERROR as an api error", () => {
    const [result] = buildFixture(SHELL, (records) =>
      records.map((r) =>
        isChat(r) && r.attrs["github.copilot.turn_id"] === "0"
          ? { ...r, statusCode: 2, statusMessage: "HTTP 500" }
          : r,
      ),
    );
    const turn = sessionOf(result).turns[0]!;
    expect(turn.api_errors).toBe(1);
    expect(turn.api_calls[0]).toMatchObject({ success: false, error: "HTTP 500" });
  });

  it("reports tool arguments, output and exit code from the execute_tool span", () => {
    const [call] = sessionOf(buildFixture(SHELL)[0]).turns[0]!.tool_calls;
    expect(call).toMatchObject({
      name: "bash",
      exit_code: 0,
      success: true,
      decision: null,
      call_id: "call_e3a2bfcaffa9",
    });
    expect(JSON.parse(call!.arguments!)).toEqual({ command: "ls -1", description: "Run a shell command" });
    expect(call!.output).toMatch(/^README.md/);
  });
});
