// Qwen Code on its real captures, changed the way its other settings change them: the default
// includeSensitiveSpanAttributes=false (no content on spans), a background auto-memory agent working under
// its own prompt id, a user rating, and failed API attempts.
import { describe, expect, it } from "vitest";
import type { TelemetryRecord } from "@/db/telemetry";
import { buildFixture, sessionOf } from "@/e2e/support/fixture-records";

const SHELL = "../otlp-more/qwen/shell";
const TOOL_FAIL = "../otlp-more/qwen/tool-fail";

/** What Qwen leaves off its spans with includeSensitiveSpanAttributes=false (its logs keep them). */
const SENSITIVE = [
  "gen_ai.input.messages",
  "gen_ai.output.messages",
  "gen_ai.tool.call.arguments",
  "gen_ai.tool.call.result",
  "new_context",
  "gen_ai.tool.definitions",
];
const withoutSensitiveSpans = (records: TelemetryRecord[]): TelemetryRecord[] =>
  records.map((record) =>
    record.signal !== "traces"
      ? record
      : {
          ...record,
          attrs: Object.fromEntries(Object.entries(record.attrs).filter(([key]) => !SENSITIVE.includes(key))),
        },
  );

const byName = (records: TelemetryRecord[], name: string): TelemetryRecord[] =>
  records.filter((record) => record.signal === "logs" && record.attrs["event.name"] === name);

/** A copy of a record 30 s later under another prompt id, as Qwen's managed auto-memory agent logs its calls. */
function background(
  record: TelemetryRecord,
  id: number,
  extra: Record<string, string> = {},
): TelemetryRecord {
  return {
    ...record,
    id,
    timeNs: String(BigInt(record.timeNs) + 30_000_000_000n),
    traceId: "ffffffffffffffffffffffffffffffff",
    spanId: "ffffffffffffffff",
    attrs: { ...record.attrs, prompt_id: "auto-memory-extract-1", ...extra },
  };
}

describe("qwen-code", () => {
  it("keeps prompt, answer, tool arguments, error text and exit code without sensitive span attributes", () => {
    const failed = sessionOf(buildFixture(TOOL_FAIL, withoutSensitiveSpans)[0]).turns[0]!;
    expect(failed.prompt).toBe("Show me what is in the missing folder.");
    expect(failed.response).toMatch(/^The tool finished\. Its output began with: Command: ls \/nonexistent/);
    expect(failed.tool_calls).toMatchObject([
      {
        name: "run_shell_command",
        arguments: '{"command":"ls /nonexistent-dir-for-mock","description":"Run a shell command"}',
        success: false,
        exit_code: 2,
        decision: "accept",
      },
    ]);
    expect(failed.tool_calls[0]!.output).toContain("No such file or directory");
    const shell = sessionOf(buildFixture(SHELL, withoutSensitiveSpans)[0]).turns[0]!;
    expect(shell.tool_calls[0]).toMatchObject({
      arguments: '{"command":"ls -1","description":"Run a shell command"}',
      success: true,
    });
    // A successful call's output is only on the span: not logged, so not shown (rather than something else).
    expect(shell.tool_calls[0]!.output).toBeNull();
  });

  it("counts a background agent's calls in the turn before them, marked as helper work", () => {
    const session = sessionOf(
      buildFixture(SHELL, (records) => {
        const [request] = byName(records, "qwen-code.api_request");
        const [response] = byName(records, "qwen-code.api_response");
        const [tool] = byName(records, "qwen-code.tool_call");
        return [
          ...records,
          background(request!, 9001),
          background(response!, 9002),
          background(tool!, 9003, { call_id: "call_memory_1", function_name: "write_file" }),
        ];
      })[0],
    );
    expect(session.turns).toHaveLength(1);
    const turn = session.turns[0]!;
    expect(turn.api_calls.map((call) => call.helper)).toEqual([null, null, "background"]);
    expect(turn.tool_calls.map((call) => [call.name, call.helper])).toEqual([
      ["run_shell_command", null],
      ["write_file", "background"],
    ]);
    expect(turn.input_tokens).toBe(17449 + 8669);
    expect(turn.helper_input_tokens).toBe(8669);
    // The main agent's answer and model are not the helper's.
    expect(turn.response).toMatch(/^The tool finished/);
  });

  it("names a subagent's calls by its subagent_name", () => {
    const session = sessionOf(
      buildFixture(SHELL, (records) => {
        const [response] = byName(records, "qwen-code.api_response");
        return [
          ...records,
          { ...response!, id: 9100, attrs: { ...response!.attrs, subagent_name: "managed-auto-memory" } },
        ];
      })[0],
    );
    expect(session.turns[0]!.api_calls.map((call) => call.helper)).toContain("managed-auto-memory");
  });

  it("keeps the user's rating raw on the turn", () => {
    const session = sessionOf(
      buildFixture(SHELL, (records) => {
        const [prompt] = byName(records, "qwen-code.user_prompt");
        const feedback: TelemetryRecord = {
          ...prompt!,
          id: 9200,
          timeNs: String(BigInt(prompt!.timeNs) + 5_000_000_000n),
          name: "qwen-code.user_feedback",
          attrs: {
            "session.id": prompt!.attrs["session.id"]!,
            "event.name": "qwen-code.user_feedback",
            rating: 1,
          },
        };
        return [...records, feedback];
      })[0],
    );
    expect(session.turns[0]!.extra).toEqual({ user_feedback_rating: 1 });
  });

  it("counts failed attempts (api_retry, then api_error) with their HTTP status", () => {
    const session = sessionOf(
      buildFixture(SHELL, (records) => {
        const [request] = byName(records, "qwen-code.api_request");
        const event = (id: number, name: string, status: number): TelemetryRecord => ({
          ...request!,
          id,
          name,
          attrs: {
            ...request!.attrs,
            "event.name": name,
            status_code: status,
            error_message: `Request failed with status ${status}`,
          },
        });
        return [...records, event(9300, "qwen-code.api_retry", 500), event(9301, "qwen-code.api_error", 500)];
      })[0],
    );
    const turn = session.turns[0]!;
    expect(turn.api_errors).toBe(2);
    expect(
      turn.api_calls.filter((call) => !call.success).map((call) => [call.status_code, call.error]),
    ).toEqual([
      [500, "Request failed with status 500"],
      [500, "Request failed with status 500"],
    ]);
  });
});
