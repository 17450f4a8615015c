// buildSession on a 2,000-turn session (a fixture session replayed with fresh ids, keys and times) must stay
// well under a second: adapters index records once instead of scanning the session per turn.
import { describe, expect, it } from "vitest";
import type { TelemetryRecord } from "@/db/telemetry";
import { buildSession, groupRecordsBySession } from "./index";
import { loadFixtureRecords, replicate } from "@/e2e/support/fixture-records";

const TURNS = 2_000;
const BUDGET_MS = 1_000;

const CASES = [
  { folder: "claude-code/bash/http-json", keep: () => true },
  { folder: "gemini-cli/shell/http", keep: () => true },
  { folder: "copilot-cli/shell/http-json", keep: () => true },
  // Codex exports ~700 internal spans per turn; its turns are built from logs, so replay those.
  { folder: "codex/tool_call/http-json", keep: (r: TelemetryRecord) => r.signal === "logs" },
];

describe("performance", () => {
  for (const { folder, keep } of CASES) {
    it(`${folder} × ${TURNS} turns`, () => {
      const [sessionId, records] = [...groupRecordsBySession(loadFixtureRecords(folder))][0]!;
      const session = replicate(records.filter(keep), TURNS);
      const started = performance.now();
      const result = buildSession(sessionId, session);
      const elapsed = performance.now() - started;
      console.log(`${folder}: ${session.length} records, ${TURNS} turns: ${elapsed.toFixed(0)} ms`);
      expect(result.kind === "session" ? result.session.turns.length : 0).toBe(TURNS);
      expect(elapsed).toBeLessThan(BUDGET_MS);
    });
  }
});
