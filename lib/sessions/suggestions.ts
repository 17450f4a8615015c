// Suggested labels: agent-native feedback and OpenTelemetry GenAI `gen_ai.evaluation.result` log records,
// linked to the turn they judge. Pure: a session's turns (with their records) and all its records in, per turn
// feedback and suggestions out. Never a person's label; exports leave them out unless asked (docs/api.md).
import type { TelemetryRecord } from "@/db/telemetry";
import type { NativeEventReader, NativeFeedback } from "./signals";
import type { SuggestedLabel, TurnData } from "./types";

export const EVALUATION_EVENT = "gen_ai.evaluation.result";
/** Kept per turn (the first by time): an evaluator looping on one turn must not grow the turn without bound. */
export const MAX_SUGGESTIONS_PER_TURN = 50;

const GOOD = new Set([
  "good",
  "pass",
  "passed",
  "correct",
  "relevant",
  "true",
  "yes",
  "positive",
  "accept",
  "accepted",
]);
const BAD = new Set([
  "bad",
  "fail",
  "failed",
  "incorrect",
  "not_relevant",
  "irrelevant",
  "false",
  "no",
  "negative",
  "reject",
  "rejected",
]);

/** Maps an evaluator's score label (low cardinality by the conventions) onto good/bad where it says so. */
export function toSuggestedLabel(scoreLabel: string | null): "good" | "bad" | null {
  const key = scoreLabel?.trim().toLowerCase() ?? "";
  return GOOD.has(key) ? "good" : BAD.has(key) ? "bad" : null;
}

const text = (record: TelemetryRecord, key: string): string | null => {
  const value = record.attrs[key];
  return typeof value === "string"
    ? value
    : typeof value === "number" || typeof value === "boolean"
      ? String(value)
      : null;
};

function eventNameOf(record: TelemetryRecord): string {
  return text(record, "event.name") ?? record.name;
}

export function evaluationOf(record: TelemetryRecord): SuggestedLabel | null {
  if (record.signal !== "logs" || eventNameOf(record) !== EVALUATION_EVENT) return null;
  const name = text(record, "gen_ai.evaluation.name");
  if (name === null) return null; // required by the conventions
  const scoreLabel = text(record, "gen_ai.evaluation.score.label");
  const value = Number(text(record, "gen_ai.evaluation.score.value") ?? Number.NaN);
  return {
    source: EVALUATION_EVENT,
    name: name.slice(0, 200),
    label: toSuggestedLabel(scoreLabel),
    score_label: scoreLabel?.slice(0, 200) ?? null,
    score_value: Number.isFinite(value) ? value : null,
    explanation: text(record, "gen_ai.evaluation.explanation")?.slice(0, 4000) ?? null,
  };
}

export interface TurnLinkTarget {
  turn: TurnData;
  records: readonly TelemetryRecord[];
}

/**
 * The turn a judging record belongs to: its own turn; else the turn holding its parent span (the conventions
 * parent it to the evaluated operation) or its trace; else the turn whose records carry its
 * `gen_ai.response.id`; else the turn the client names (prompt id); else the last turn that started before it.
 */
function linkTurn(
  record: TelemetryRecord,
  targets: readonly TurnLinkTarget[],
  turnKey: string | null,
): number {
  const own = targets.findIndex((target) => target.records.includes(record));
  if (own >= 0) return own;
  const spanId = record.spanId ?? record.parentSpanId;
  const bySpan = spanId ? targets.findIndex((t) => t.records.some((r) => r.spanId === spanId)) : -1;
  if (bySpan >= 0) return bySpan;
  const byTrace = record.traceId ? targets.findIndex((t) => t.turn.trace_ids.includes(record.traceId!)) : -1;
  if (byTrace >= 0) return byTrace;
  const responseId = text(record, "gen_ai.response.id");
  const byResponse = responseId
    ? targets.findIndex((t) =>
        t.records.some((r) => r !== record && text(r, "gen_ai.response.id") === responseId),
      )
    : -1;
  if (byResponse >= 0) return byResponse;
  const byKey = turnKey !== null ? targets.findIndex((t) => t.turn.key === turnKey) : -1;
  if (byKey >= 0) return byKey;
  const at = BigInt(record.timeNs || "0");
  let last = -1;
  targets.forEach((target, i) => {
    const started = target.turn.started_at;
    if (started !== null && BigInt(Math.floor(started * 1e6)) <= at) last = i;
  });
  return last;
}

export interface TurnJudgements {
  feedback: NativeFeedback[];
  suggestions: SuggestedLabel[];
}

/** Per turn (same order as `targets`), the feedback and suggestions linked to it. */
export function linkJudgements(
  targets: readonly TurnLinkTarget[],
  records: readonly TelemetryRecord[],
  reader: NativeEventReader,
): TurnJudgements[] {
  const out: TurnJudgements[] = targets.map(() => ({ feedback: [], suggestions: [] }));
  const seen = new Set<string>(); // the same record fed twice (a re-indexed copy) counts once
  for (const record of records) {
    if (record.signal !== "logs") continue;
    const feedback = reader.feedbackOf?.(record) ?? null;
    const evaluation = feedback ? null : evaluationOf(record);
    if (!feedback && !evaluation) continue;
    const identity = JSON.stringify([record.timeNs, record.spanId, feedback, evaluation]);
    if (seen.has(identity)) continue;
    seen.add(identity);
    const index = linkTurn(
      record,
      targets,
      feedback?.turnKey ?? text(record, "prompt_id") ?? text(record, "prompt.id"),
    );
    const slot = out[index];
    if (!slot || slot.suggestions.length >= MAX_SUGGESTIONS_PER_TURN) continue;
    if (feedback) {
      slot.feedback.push(feedback);
      slot.suggestions.push({
        source: feedback.source,
        name: "user_feedback",
        label: feedback.label,
        score_label: feedback.label,
        score_value: feedback.rating,
        explanation: null,
      });
    } else if (evaluation) slot.suggestions.push(evaluation);
  }
  return out;
}
