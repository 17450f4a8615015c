// The vocabulary of turn signals and suggested labels (docs/api.md "Signals", "Suggested labels"), shared by
// server and browser. Pure types and one list; computed in lib/sessions/signals.ts and suggestions.ts.

/** The kinds of turn signals, in the order the UI shows them. */
export const SIGNAL_KINDS = [
  "interrupted",
  "tool_rejected",
  "tool_failed",
  "check_failed",
  "api_error",
  "no_answer",
  "many_steps",
  "feedback",
] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

export type TurnSignal =
  | { kind: "tool_failed"; tool: string; call_index: number; exit_code: number | null }
  | { kind: "tool_rejected"; tool: string; call_index: number }
  | {
      kind: "check_failed";
      check: "test" | "build";
      tool: string;
      call_index: number;
      exit_code: number | null;
    }
  | { kind: "api_error"; failed_attempts: number; status_codes: number[] }
  | { kind: "interrupted"; source: string }
  | { kind: "no_answer" }
  | { kind: "many_steps"; steps: number; threshold: number }
  | { kind: "feedback"; source: string; rating: number; label: "good" | "bad" | null };

export interface SuggestedLabel {
  /** Where it came from: the record's event name (e.g. `gen_ai.evaluation.result`). */
  source: string;
  /** `gen_ai.evaluation.name`, or the feedback's own name. */
  name: string;
  /** Mapped to our vocabulary when the score says so, else null. */
  label: "good" | "bad" | null;
  score_label: string | null;
  score_value: number | null;
  explanation: string | null;
}
