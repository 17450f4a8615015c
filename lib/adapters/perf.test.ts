// buildSession on a 2,000-turn session (a fixture session replayed with fresh ids, keys and times) grows
// linearly with the session: adapters index records once instead of scanning the session per turn. Checked by
// how the time grows from 125 to 2,000 turns (a quadratic adapter grows 256×), not by a wall-clock budget.
import { describe, expect, it } from "vitest";
import type { TelemetryRecord } from "@/db/telemetry";
import { loadFixtureRecords, replicate } from "@/e2e/support/fixture-records";
import { growthRatio, linearBound } from "@/e2e/support/scaling";
import { buildSession, groupRecordsBySession } from "./index";

const TURNS = 2_000;
const SMALL_TURNS = 125;

const CASES = [
  { folder: "claude-code/bash/http-json", keep: () => true },
  { folder: "gemini-cli/shell/http", keep: () => true },
  { folder: "copilot-cli/shell/http-json", keep: () => true },
  // Codex exports ~700 internal spans per turn; its turns are built from logs, so replay those.
  { folder: "codex/tool_call/http-json", keep: (r: TelemetryRecord) => r.signal === "logs" },
];

describe("performance", () => {
  for (const { folder, keep } of CASES) {
    it(`${folder} × ${TURNS} turns grows linearly`, () => {
      const [sessionId, records] = [...groupRecordsBySession(loadFixtureRecords(folder))][0]!;
      const sessions = new Map(
        [SMALL_TURNS, TURNS].map((turns) => [turns, replicate(records.filter(keep), turns)]),
      );
      const result = buildSession(sessionId, sessions.get(TURNS)!);
      expect(result.kind === "session" ? result.session.turns.length : 0).toBe(TURNS);
      const ratio = growthRatio(
        (turns) => buildSession(sessionId, sessions.get(turns)!),
        SMALL_TURNS,
        TURNS,
        2,
      );
      console.log(`${folder}: ${SMALL_TURNS} → ${TURNS} turns took ${ratio.toFixed(1)}× as long`);
      expect(ratio).toBeLessThan(linearBound(TURNS / SMALL_TURNS));
    });
  }
});
