// The registry's facts: one session-key rule merged from the adapters, every client fully described, and
// the membership rule's three cases.
import { describe, expect, it } from "vitest";
import {
  CLIENT_ADAPTERS,
  SESSION_KEY_ATTRIBUTES,
  clientOf,
  sessionKeyOf,
  sessionsOfRecord,
  traceIsSession,
} from "./index";

describe("client registry", () => {
  it("merges the adapters' session-key attributes, session.id first", () => {
    expect(SESSION_KEY_ATTRIBUTES).toEqual([
      "session.id",
      "conversation.id",
      "gen_ai.conversation.id",
      "ai.telemetry.metadata.sessionId",
    ]);
    for (const adapter of CLIENT_ADAPTERS) {
      for (const key of adapter.sessionKeys) expect(SESSION_KEY_ATTRIBUTES).toContain(key);
    }
  });

  it("keys a record by its own attributes before its resource's, skipping empty values", () => {
    const claudeRecord = { "session.id": "S", "gen_ai.conversation.id": "C" };
    expect(sessionKeyOf(claudeRecord, {})).toBe("S");
    expect(sessionKeyOf({ "conversation.id": "" }, { "session.id": "R" })).toBe("R");
    expect(sessionKeyOf({ "gen_ai.conversation.id": "G" }, { "session.id": "R" })).toBe("G");
    expect(sessionKeyOf({}, {})).toBeNull();
  });

  it("describes every client once: id, name, badge colour; generic last and the only trace-session client", () => {
    const ids = CLIENT_ADAPTERS.map((adapter) => adapter.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const adapter of CLIENT_ADAPTERS) {
      expect(adapter.name).not.toBe("");
      expect(adapter.tone).toMatch(/^bg-\S+ text-\S+ dark:bg-\S+ dark:text-\S+$/);
      // A metrics-only client (Continue) names no session at all.
      if (adapter.metricsOnly) expect(adapter.sessionKeys).toEqual([]);
      else expect(adapter.sessionKeys.length).toBeGreaterThan(0);
    }
    expect(CLIENT_ADAPTERS.at(-1)!.id).toBe(clientOf({ "service.name": "some-other-agent" }));
    expect(CLIENT_ADAPTERS.filter((adapter) => adapter.traceIsSession).map((adapter) => adapter.id)).toEqual([
      clientOf({}),
    ]);
  });
});

describe("sessionsOfRecord (the membership rule)", () => {
  const generic = { "service.name": "my-agent" };
  const known = { "service.name": "claude-code" };
  const none = (): undefined => undefined;

  it("puts a keyed record in its own session, whatever its trace says", () => {
    expect(sessionsOfRecord({ sessionKey: "S", traceId: "t", resource: known }, () => ["X"])).toEqual(["S"]);
  });

  it("puts a keyless record in every session that claims its trace", () => {
    expect(sessionsOfRecord({ sessionKey: null, traceId: "t", resource: generic }, () => ["A", "B"])).toEqual(
      ["A", "B"],
    );
  });

  it("makes an unclaimed trace a session only for clients without session ids", () => {
    expect(traceIsSession(generic)).toBe(true);
    expect(traceIsSession(known)).toBe(false);
    expect(sessionsOfRecord({ sessionKey: null, traceId: "t", resource: generic }, none)).toEqual(["t"]);
    expect(sessionsOfRecord({ sessionKey: null, traceId: "t", resource: known }, none)).toEqual([]);
    expect(sessionsOfRecord({ sessionKey: null, traceId: null, resource: generic }, none)).toEqual([]);
  });
});
