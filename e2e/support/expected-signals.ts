// Which signals a capture's turn must have, derived from its expected.json facts and its scenario name
// (never from lists of turn ids): failed or rejected tool calls, failed API attempts, an interrupt scenario.
import path from "node:path";

interface FactTurn {
  response: string | null;
  tool_calls: { success: boolean; exit_code: number | null; decision: string | null }[];
  api_errors: number;
}

/** Scenario names that say something went wrong; such a capture must have at least one signaled turn. */
export const FAILURE_SCENARIO = /fail|error|denied|reject|interrupt|abort|cancel/i;
const INTERRUPT_SCENARIO = /interrupt|abort|cancel/i;

/** The scenario of a capture folder `<client>/<scenario>/<protocol>`. */
export const scenarioOf = (folder: string): string => path.basename(path.dirname(folder));

/** The signal kinds the facts imply (a subset of what the turn may show: see `mustBeQuiet`). */
export function impliedSignalKinds(folder: string, turn: FactTurn): string[] {
  const kinds = new Set<string>();
  for (const call of turn.tool_calls) {
    if (call.decision === "reject") kinds.add("tool_rejected");
    else if (call.success === false || (call.exit_code !== null && call.exit_code !== 0))
      kinds.add("tool_failed");
  }
  if (turn.api_errors > 0) kinds.add("api_error");
  if (INTERRUPT_SCENARIO.test(scenarioOf(folder))) kinds.add("interrupted");
  return [...kinds].sort();
}

/** Kinds a turn may show beyond the implied ones: refinements of a failure (a failed test), or no answer
 * after failed model calls. A turn with no implied kind must have no signal at all. */
export const REFINEMENTS = new Set(["check_failed", "no_answer"]);
