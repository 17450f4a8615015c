// The generic adapter on the 2026 GenAI conventions (content in the inference details event, dotted and older
// token names) and on an unknown agent built on the Vercel AI SDK.
import { describe, expect, it } from "vitest";
import type { Attrs, TelemetryRecord } from "@/db/telemetry";
import { buildSession, clientOf, groupRecordsBySession } from "./index";
import { makeRecord, sessionOf } from "@/e2e/support/fixture-records";

const AGENT = { "service.name": "some-agent", "service.version": "0.1.0" };
const T0 = 1795273000000000000n;
const at = (ms: number): string => String(T0 + BigInt(ms) * 1_000_000n);
let nextId = 1;

const span = (
  name: string,
  spanId: string,
  parent: string | null,
  attrs: Attrs,
  ms: number,
  traceId = "a".repeat(32),
): TelemetryRecord =>
  makeRecord({
    id: nextId++,
    signal: "traces",
    resource: AGENT,
    name,
    traceId,
    spanId,
    parentSpanId: parent,
    timeNs: at(ms),
    endTimeNs: at(ms + 5),
    statusCode: 0,
    attrs,
  });

const build = (records: TelemetryRecord[]) =>
  [...groupRecordsBySession(records)].map(([id, group]) => sessionOf(buildSession(id, group)));

describe("generic GenAI conventions", () => {
  it("reads content from the inference details event and both token spellings", () => {
    const chat = span(
      "chat gpt-x",
      "0000000000000002",
      "0000000000000001",
      {
        "gen_ai.operation.name": "chat",
        "gen_ai.request.model": "gpt-x",
        "gen_ai.usage.prompt_tokens": 120,
        "gen_ai.usage.completion_tokens": 7,
        "gen_ai.usage.cache_read.input_tokens": 100,
        "gen_ai.usage.reasoning.output_tokens": 3,
      },
      10,
    );
    const agent = span(
      "invoke_agent bot",
      "0000000000000001",
      null,
      { "gen_ai.operation.name": "invoke_agent", "gen_ai.conversation.id": "conv-1" },
      0,
    );
    const details = makeRecord({
      id: nextId++,
      resource: AGENT,
      name: "gen_ai.client.inference.operation.details",
      traceId: "a".repeat(32),
      spanId: "0000000000000002",
      timeNs: at(15),
      attrs: {
        "event.name": "gen_ai.client.inference.operation.details",
        "gen_ai.input.messages": JSON.stringify([
          { role: "user", parts: [{ type: "text", content: "Fix the bug" }] },
        ]),
        "gen_ai.output.messages": JSON.stringify([
          { role: "assistant", parts: [{ type: "text", content: "Fixed." }] },
        ]),
      },
    });
    const [session] = build([agent, chat, details]);
    expect(session!.id).toBe("conv-1");
    expect(session!.turns[0]).toMatchObject({
      prompt: "Fix the bug",
      response: "Fixed.",
      model: "gpt-x",
      input_tokens: 120,
      output_tokens: 7,
      cached_input_tokens: 100,
      reasoning_tokens: 3,
    });
  });

  it("reads an unknown Vercel AI SDK agent: prompt, answer, tokens, tools, and its title helper by functionId", () => {
    const meta = { "ai.telemetry.metadata.sessionId": "chat-42" };
    const prompt = (text: string) =>
      JSON.stringify({ messages: [{ role: "user", content: [{ type: "text", text }] }] });
    const records = [
      span(
        "ai.generateText",
        "1000000000000001",
        null,
        {
          ...meta,
          "ai.operationId": "ai.generateText",
          "ai.telemetry.functionId": "generate-title",
          "ai.prompt": prompt("Add a test"),
          "ai.response.text": "Tests",
          "ai.usage.inputTokens": 50,
          "ai.usage.outputTokens": 2,
        },
        0,
      ),
      span(
        "ai.streamText",
        "2000000000000001",
        null,
        { ...meta, "ai.operationId": "ai.streamText", "ai.prompt": prompt("Add a test") },
        10,
      ),
      span(
        "ai.streamText.doStream",
        "2000000000000002",
        "2000000000000001",
        {
          ...meta,
          "ai.operationId": "ai.streamText.doStream",
          "ai.prompt.messages": JSON.stringify([
            { role: "user", content: [{ type: "text", text: "Add a test" }] },
          ]),
          "ai.model.id": "claude-x",
          "ai.response.text": "",
          "ai.usage.inputTokens": 900,
          "ai.usage.outputTokens": 12,
        },
        11,
      ),
      span(
        "ai.toolCall",
        "2000000000000003",
        "2000000000000001",
        {
          ...meta,
          "ai.operationId": "ai.toolCall",
          "ai.toolCall.name": "write",
          "ai.toolCall.id": "t1",
          "ai.toolCall.args": '{"path":"a.test.ts"}',
          "ai.toolCall.result": '"ok"',
        },
        20,
      ),
      span(
        "ai.streamText.doStream",
        "2000000000000004",
        "2000000000000001",
        {
          ...meta,
          "ai.operationId": "ai.streamText.doStream",
          "ai.prompt.messages": JSON.stringify([
            { role: "user", content: "Add a test" },
            { role: "assistant", content: [] },
            { role: "tool", content: [] },
          ]),
          "ai.model.id": "claude-x",
          "ai.response.text": "Added.",
          "ai.usage.promptTokens": 950,
          "ai.usage.completionTokens": 4,
        },
        30,
      ),
    ];
    expect(clientOf(AGENT)).toBe("generic");
    const [session] = build(records);
    expect(session!.id).toBe("chat-42");
    expect(session!.turns).toHaveLength(1);
    const turn = session!.turns[0]!;
    expect(turn).toMatchObject({
      prompt: "Add a test",
      response: "Added.",
      model: "claude-x",
      input_tokens: 1900,
      output_tokens: 18,
      helper_input_tokens: 50,
      helper_output_tokens: 2,
    });
    expect(turn.tool_calls.map((call) => [call.name, call.call_id, call.arguments, call.output])).toEqual([
      ["write", "t1", '{"path":"a.test.ts"}', '"ok"'],
    ]);
  });
});
