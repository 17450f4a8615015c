// Generic OpenTelemetry GenAI sources and the session grouping rule the index applies.
import { describe, expect, it } from "vitest";
import type { Attrs, TelemetryRecord } from "@/db/telemetry";
import { buildSession, clientOf, groupRecordsBySession } from "./index";
import { makeRecord, sessionOf } from "@/e2e/support/fixture-records";

const AGENT = { "service.name": "my-agent", "service.version": "1.2.3" };
const messages = (role: string, text: string): string =>
  JSON.stringify([{ role, parts: [{ type: "text", content: text }] }]);

let nextId = 1;
function span(
  traceId: string,
  spanId: string,
  parent: string | null,
  name: string,
  attrs: Attrs,
  start = 0,
): TelemetryRecord {
  return makeRecord({
    id: nextId++,
    signal: "traces",
    resource: AGENT,
    name,
    traceId,
    spanId,
    parentSpanId: parent,
    timeNs: String(1795273000000000000n + BigInt(start) * 1_000_000n),
    endTimeNs: String(1795273000000000000n + BigInt(start + 10) * 1_000_000n),
    statusCode: 0,
    attrs,
  });
}

/** One agent run: invoke_agent → chat + execute_tool. */
function agentRun(traceId: string, attrs: Attrs = {}, start = 0): TelemetryRecord[] {
  return [
    span(
      traceId,
      `${traceId.slice(0, 14)}01`,
      null,
      "invoke_agent helper",
      {
        "gen_ai.operation.name": "invoke_agent",
        "gen_ai.input.messages": messages("user", `question ${traceId}`),
        "gen_ai.output.messages": messages("assistant", `answer ${traceId}`),
        ...attrs,
      },
      start,
    ),
    span(
      traceId,
      `${traceId.slice(0, 14)}02`,
      `${traceId.slice(0, 14)}01`,
      "chat gpt-x",
      {
        "gen_ai.operation.name": "chat",
        "gen_ai.request.model": "gpt-x",
        "gen_ai.usage.input_tokens": 100,
        "gen_ai.usage.output_tokens": 7,
        ...attrs,
      },
      start + 1,
    ),
    span(
      traceId,
      `${traceId.slice(0, 14)}03`,
      `${traceId.slice(0, 14)}01`,
      "execute_tool grep",
      {
        "gen_ai.operation.name": "execute_tool",
        "gen_ai.tool.name": "grep",
        ...attrs,
      },
      start + 2,
    ),
  ];
}

describe("generic GenAI source", () => {
  it("makes one session per trace without a session id, one turn per invoke_agent span", () => {
    const groups = groupRecordsBySession([...agentRun("a".repeat(32)), ...agentRun("b".repeat(32), {}, 100)]);
    expect([...groups.keys()]).toEqual(["a".repeat(32), "b".repeat(32)]);
    const session = sessionOf(buildSession("a".repeat(32), groups.get("a".repeat(32))!));
    expect(session).toMatchObject({
      client: "generic",
      client_version: "1.2.3",
      service_name: "my-agent",
      models: ["gpt-x"],
    });
    expect(session.turns).toHaveLength(1);
    expect(session.turns[0]).toMatchObject({
      key: "aaaaaaaaaaaaaa01",
      prompt: `question ${"a".repeat(32)}`,
      response: `answer ${"a".repeat(32)}`,
      model: "gpt-x",
      input_tokens: 100,
      output_tokens: 7,
      tool_calls: [{ name: "grep", success: true, decision: null, exit_code: null }],
    });
  });

  it("groups traces by session.id / gen_ai.conversation.id when present", () => {
    const records = [
      ...agentRun("c".repeat(32), { "gen_ai.conversation.id": "conv-1" }),
      ...agentRun("d".repeat(32), { "gen_ai.conversation.id": "conv-1" }, 100),
    ];
    const groups = groupRecordsBySession(records);
    expect([...groups.keys()]).toEqual(["conv-1"]);
    expect(sessionOf(buildSession("conv-1", records)).turns.map((t) => t.index)).toEqual([0, 1]);
  });

  it("falls back to one turn per trace with chat spans only", () => {
    const chat = agentRun("e".repeat(32))
      .slice(1, 2)
      .map((r) => ({
        ...r,
        parentSpanId: null,
        attrs: {
          ...r.attrs,
          "gen_ai.input.messages": messages("user", "hi"),
          "gen_ai.output.messages": messages("assistant", "hello"),
        },
      }));
    const turn = sessionOf(buildSession("e".repeat(32), chat)).turns[0]!;
    expect(turn).toMatchObject({
      key: "e".repeat(32),
      prompt: "hi",
      response: "hello",
      prompt_redacted: false,
    });
  });

  it("excludes a trace without GenAI telemetry", () => {
    const http = span("f".repeat(32), "f".repeat(16), null, "GET /health", { "http.method": "GET" });
    expect(buildSession("f".repeat(32), [http]).kind).toBe("excluded");
  });
});

describe("groupRecordsBySession (the index's membership rule)", () => {
  const claude = { "service.name": "claude-code" };
  const keyed = (id: number, session: string, traceId: string | null) =>
    makeRecord({ id, resource: claude, traceId, attrs: { "session.id": session } });

  it("adds a keyless record to every session with a keyed record of its trace", () => {
    const spanOnly = makeRecord({ id: 3, signal: "traces", resource: claude, traceId: "t1", spanId: "s1" });
    const groups = groupRecordsBySession([spanOnly, keyed(1, "A", "t1"), keyed(2, "B", "t1")]);
    expect([...groups.keys()]).toEqual(["A", "B"]);
    expect(groups.get("A")!.map((r) => r.id)).toEqual([3, 1]);
    expect(groups.get("B")!.map((r) => r.id)).toEqual([3, 2]);
  });

  it("drops a keyless record of a known client whose trace no session claims", () => {
    const orphan = makeRecord({ id: 4, signal: "traces", resource: claude, traceId: "t9", spanId: "s9" });
    expect(groupRecordsBySession([orphan, keyed(1, "A", "t1")]).size).toBe(1);
  });

  it("maps service names to clients", () => {
    const of = (name: string) => clientOf({ "service.name": name });
    expect([
      of("codex_exec"),
      of("codex_cli_rs"),
      of("codex_vscode"),
      of("claude-code"),
      of("gemini-cli"),
    ]).toEqual(["codex", "codex", "codex", "claude-code", "gemini-cli"]);
    expect([of("github-copilot"), of("my-agent"), clientOf({})]).toEqual([
      "copilot-cli",
      "generic",
      "generic",
    ]);
  });
});
