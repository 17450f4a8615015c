// Turn signals: what the telemetry says went wrong in a turn (failed or rejected tools, API errors, an
// interrupt, no answer, many steps, failed checks, the user's own feedback), and the triage score built on
// them. A pure function of the built turn and its records; client facts come in as a NativeEventReader from
// the turn's adapter (lib/adapters). Documented in docs/api.md "Signals" and docs/sessions.md.
import type { TelemetryRecord } from "@/db/telemetry";
import type { SignalKind, TurnData, TurnSignal } from "./types";

/** Agent-native feedback read from one record (Qwen Code `user_feedback`, Claude Code `feedback_survey`). */
export interface NativeFeedback {
  source: string;
  /** The client's rating, 1 = bad … 3 = good. */
  rating: number;
  label: "good" | "bad" | null;
  /** The turn key the client names (e.g. a prompt id), if any. */
  turnKey: string | null;
}

/** Client facts signals need, supplied by the client's adapter. */
export interface NativeEventReader {
  /** Why the record shows the user interrupting or aborting (a short source name), or null. */
  interruptOf?(record: TelemetryRecord): string | null;
  feedbackOf?(record: TelemetryRecord): NativeFeedback | null;
}

/** More tool calls than this in one turn is "many steps" (a round number well above the captures' 0–2). */
export const MANY_STEPS_THRESHOLD = 25;

// Written by hand: a small list of the usual test and build entry points, matched on the logged arguments.
const TEST_COMMAND =
  /\b(?:(?:npm|pnpm|yarn|bun)\s+(?:run\s+)?test|npx\s+(?:vitest|jest|mocha|playwright)|pytest|vitest|jest|mocha|rspec|phpunit|(?:go|cargo|dotnet|deno|swift|mix)\s+test|python3?\s+-m\s+(?:pytest|unittest)|make\s+(?:test|check)|(?:mvn|gradle|gradlew)\b[^\n"]*\btest)\b/;
const BUILD_COMMAND =
  /\b(?:(?:npm|pnpm|yarn|bun)\s+(?:run\s+)?build|(?:cargo|go|dotnet|swift|zig)\s+build|tsc|next\s+build|cmake\s+--build|make\s+(?:build|all)|(?:mvn|gradle|gradlew)\b[^\n"]*\b(?:compile|package|build|assemble))\b/;

/** Weights of the triage score (docs/api.md "Triage order"): how strongly each kind says "likely bad". */
export const SIGNAL_WEIGHTS: Record<SignalKind, number> = {
  interrupted: 5,
  tool_rejected: 3,
  check_failed: 4,
  tool_failed: 2,
  api_error: 1,
  no_answer: 3,
  many_steps: 1,
  feedback: 0, // by rating, see signalWeight
};

export function signalWeight(signal: TurnSignal): number {
  if (signal.kind !== "feedback") return SIGNAL_WEIGHTS[signal.kind];
  return signal.label === "bad" ? 6 : signal.label === "good" ? -3 : 0;
}

/** The turn's triage score: the sum of its signals' weights, never below 0. */
export function triageScore(signals: readonly TurnSignal[]): number {
  return Math.max(
    0,
    signals.reduce((total, signal) => total + signalWeight(signal), 0),
  );
}

function checkOf(args: string | null): "test" | "build" | null {
  if (args === null) return null;
  if (TEST_COMMAND.test(args)) return "test";
  return BUILD_COMMAND.test(args) ? "build" : null;
}

function toolSignals(turn: TurnData): TurnSignal[] {
  const out: TurnSignal[] = [];
  turn.tool_calls.forEach((call, callIndex) => {
    if (call.decision === "reject") {
      out.push({ kind: "tool_rejected", tool: call.name, call_index: callIndex });
      return; // a rejected call never ran: it did not fail
    }
    // Codex and Copilot keep success true for a command exiting non-zero (fixtures README): the exit code says.
    const failed = call.success === false || (call.exit_code !== null && call.exit_code !== 0);
    if (!failed) return;
    out.push({ kind: "tool_failed", tool: call.name, call_index: callIndex, exit_code: call.exit_code });
    const check = checkOf(call.arguments);
    if (check)
      out.push({
        kind: "check_failed",
        check,
        tool: call.name,
        call_index: callIndex,
        exit_code: call.exit_code,
      });
  });
  return out;
}

export interface SignalContext {
  /** Whether this session's telemetry carries final answers at all (some turn has one). */
  answersLogged: boolean;
  /** Agent-native feedback linked to this turn (lib/sessions/suggestions.ts). */
  feedback: readonly NativeFeedback[];
}

/** Every signal of one turn, in a stable order (tools in call order, then the turn-level ones). */
export function turnSignals(
  turn: TurnData,
  records: readonly TelemetryRecord[],
  reader: NativeEventReader,
  context: SignalContext,
): TurnSignal[] {
  const out = toolSignals(turn);
  if (turn.api_errors > 0) {
    const codes = turn.api_calls.flatMap((call) =>
      !call.success && call.status_code !== null ? [call.status_code] : [],
    );
    out.push({
      kind: "api_error",
      failed_attempts: turn.api_errors,
      status_codes: [...new Set(codes)].sort((a, b) => a - b),
    });
  }
  const interrupts = new Set(
    records.map((record) => reader.interruptOf?.(record) ?? null).filter((s) => s !== null),
  );
  for (const source of [...interrupts].sort()) out.push({ kind: "interrupted", source });
  // A turn whose model calls all failed has no answer whatever the settings; otherwise only when the
  // session logs answers (Codex without log_agent_responses, Claude without prompt logging log none).
  const allFailed = turn.api_calls.length > 0 && turn.api_calls.every((call) => !call.success);
  if (turn.response === null && (context.answersLogged || allFailed)) out.push({ kind: "no_answer" });
  if (turn.tool_calls.length > MANY_STEPS_THRESHOLD)
    out.push({ kind: "many_steps", steps: turn.tool_calls.length, threshold: MANY_STEPS_THRESHOLD });
  for (const feedback of context.feedback)
    out.push({ kind: "feedback", source: feedback.source, rating: feedback.rating, label: feedback.label });
  return out;
}
