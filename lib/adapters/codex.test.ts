// Codex rules from the fixtures README: title conversations, sse_event attribution, decisions, partial input.
import { describe, expect, it } from "vitest";
import type { TelemetryRecord } from "@/db/telemetry";
import { CODEX_TITLE_PREFIX, exitCodeOf } from "./codex";
import { eventName } from "./common";
import { buildSession } from "./index";
import { buildFixture, loadFixtureRecords, makeRecord, sessionOf } from "@/e2e/support/fixture-records";

const MULTI = "codex/multi_turn/http-json";
const isEvent = (name: string) => (record: TelemetryRecord) =>
  record.signal === "logs" && eventName(record) === name;

describe("codex title conversations (README Excluded)", () => {
  it("excludes a conversation whose only prompt asks for a thread title", () => {
    const [result] = buildFixture("codex/simple_text/http-json", (records) =>
      records.map((r) =>
        isEvent("codex.user_prompt")(r)
          ? { ...r, attrs: { ...r.attrs, prompt: `${CODEX_TITLE_PREFIX} for this conversation: ...` } }
          : r,
      ),
    );
    expect(result?.kind).toBe("excluded");
    expect(result?.kind === "excluded" && result.reason).toMatch(/thread-title/);
  });

  it("keeps the real conversation whose title conversation interleaves in time", () => {
    const records = loadFixtureRecords(MULTI);
    // The TUI's title conversation: same kind of events, same times, its own conversation.id.
    const title = records
      .filter((r) => r.signal === "logs" && r.attrs["conversation.id"] !== undefined)
      .map((r, i) => ({
        ...r,
        id: 10_000 + i,
        traceId: r.traceId ? `f${r.traceId.slice(1)}` : null,
        attrs: {
          ...r.attrs,
          "conversation.id": "title-conversation",
          ...(isEvent("codex.user_prompt")(r) ? { prompt: `${CODEX_TITLE_PREFIX}: List the files` } : {}),
        },
      }));
    const results = buildFixture(MULTI, (own) => [...own, ...title]);
    expect(results.map((r) => r.kind)).toEqual(["session", "excluded"]);
    const [alone] = buildFixture(MULTI);
    expect(sessionOf(results[0]).turns).toEqual(sessionOf(alone).turns);
  });
});

describe("codex sse_event attribution (conversation.id + observed time)", () => {
  it("puts each response.completed into the turn whose prompt precedes it", () => {
    const records = loadFixtureRecords(MULTI);
    const session = sessionOf(buildFixture(MULTI)[0]);
    const prompts = records.filter(isEvent("codex.user_prompt")).map((r) => BigInt(r.observedTimeNs!));
    const sse = records.filter(isEvent("codex.sse_event"));
    session.turns.forEach((turn, i) => {
      const expected = sse
        .filter(
          (r) =>
            BigInt(r.observedTimeNs!) >= prompts[i]! &&
            (i + 1 >= prompts.length || BigInt(r.observedTimeNs!) < prompts[i + 1]!),
        )
        .map((r) => r.id);
      const own = turn.record_ids.logs.filter((id) => sse.some((r) => r.id === id));
      expect(own).toEqual(expected);
      expect(own.length).toBeGreaterThan(0);
    });
  });

  it("leaves an sse_event before the first prompt out of every turn", () => {
    const records = loadFixtureRecords(MULTI);
    const early = makeRecord({
      id: 99_999,
      name: "event",
      timeNs: "1795273000000000001",
      observedTimeNs: "1795273000000000001",
      resource: records[0]!.resource,
      attrs: {
        "event.name": "codex.sse_event",
        "event.kind": "response.completed",
        input_token_count: "5",
        "conversation.id": "01a1fe9c-470e-7572-b50f-a530fcf17efc",
      },
    });
    const session = sessionOf(buildFixture(MULTI, (r) => [...r, early])[0]);
    expect(session.turns.flatMap((t) => t.record_ids.logs)).not.toContain(99_999);
    expect(session.turns.map((t) => t.input_tokens)).toEqual([14113, 7310]);
  });
});

describe("codex tool calls", () => {
  it("parses the exit code from the output text, also 0", () => {
    expect(exitCodeOf("Chunk ID: 1\nProcess exited with code 3\nOutput:")).toBe(3);
    expect(exitCodeOf("Process exited with code 0")).toBe(0);
    expect(exitCodeOf("no exit line")).toBeNull();
    expect(exitCodeOf(null)).toBeNull();
  });

  it("maps denied to reject and lists a call that never ran with success false", () => {
    const [result] = buildFixture("codex/tool_call/http-json", (records) =>
      records
        .filter((r) => !isEvent("codex.tool_result")(r))
        .map((r) =>
          isEvent("codex.tool_decision")(r) ? { ...r, attrs: { ...r.attrs, decision: "denied" } } : r,
        ),
    );
    expect(sessionOf(result).turns[0]!.tool_calls).toMatchObject([
      { name: "exec_command", decision: "reject", success: false, exit_code: null, output: null },
    ]);
  });
});

describe("codex partial sessions", () => {
  it("builds the same turn content from logs alone (spans arrive seconds later)", () => {
    const full = sessionOf(buildFixture(MULTI)[0]);
    const logsOnly = sessionOf(buildFixture(MULTI, (r) => r.filter((x) => x.signal === "logs"))[0]);
    const content = (s: typeof full) =>
      s.turns.map(({ record_ids: _r, started_at: _s, ended_at: _e, ...rest }) => rest);
    expect(content(logsOnly)).toEqual(content(full));
  });

  it("has no turn from spans alone", () => {
    const spans = loadFixtureRecords(MULTI).filter((r) => r.signal === "traces");
    expect(buildSession("01a1fe9c-470e-7572-b50f-a530fcf17efc", spans).kind).toBe("excluded");
  });
});

describe("codex per-turn TTFT (docs/overview.md)", () => {
  it("is the duration_ms of the codex.turn_ttft record on the turn's trace", () => {
    const records = loadFixtureRecords(MULTI);
    const ttfts = records.filter(isEvent("codex.turn_ttft"));
    expect(ttfts.length).toBeGreaterThan(0);
    const session = sessionOf(buildFixture(MULTI)[0]);
    for (const turn of session.turns) {
      const stated = ttfts.find((record) => record.traceId === turn.key);
      expect(turn.ttft_ms, turn.key).toBe(stated ? Number(stated.attrs.duration_ms) : turn.ttft_ms);
    }
    expect(
      session.turns.filter((turn) => ttfts.some((record) => record.traceId === turn.key)).length,
    ).toBeGreaterThan(0);
  });

  it("falls back to the first complete response when the turn states none", () => {
    const records = loadFixtureRecords(MULTI).filter((record) => !isEvent("codex.turn_ttft")(record));
    const session = sessionOf(buildFixture(MULTI, () => records)[0]);
    for (const turn of session.turns) {
      const ends = turn.api_calls
        .filter((call) => call.success && call.started_at !== null && call.duration_ms !== null)
        .filter((call) => call.model === null || turn.model === null || call.model === turn.model)
        .map((call) => call.started_at! + call.duration_ms!);
      expect(turn.ttft_ms).toBe(
        ends.length > 0 && turn.started_at !== null ? Math.min(...ends) - turn.started_at : null,
      );
    }
  });
});
