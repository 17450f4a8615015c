"use client";
// Turn signals as small icons (on a turn card and, compact, on a session row) and suggested labels as chips
// marked with their source. Text glyphs only: telemetry values are rendered as text, never as HTML.
import { SIGNAL_KINDS, type SignalKind, type SuggestedLabel, type TurnSignal } from "@/lib/shared/signals";

const GLYPH: Record<SignalKind, string> = {
  interrupted: "⏹",
  tool_rejected: "⛔",
  tool_failed: "✗",
  check_failed: "⚠",
  api_error: "⚡",
  no_answer: "∅",
  many_steps: "⟳",
  feedback: "✎",
};

export const SIGNAL_NAMES: Record<SignalKind, string> = {
  interrupted: "interrupted",
  tool_rejected: "tool rejected",
  tool_failed: "tool failed",
  check_failed: "test/build failed",
  api_error: "API errors",
  no_answer: "no answer",
  many_steps: "many steps",
  feedback: "agent feedback",
};

/** One line saying what the signal is, for its tooltip. */
function describe(signal: TurnSignal): string {
  switch (signal.kind) {
    case "tool_failed":
      return `${signal.tool} failed${signal.exit_code !== null ? ` (exit ${signal.exit_code})` : ""}`;
    case "tool_rejected":
      return `${signal.tool} was rejected (permission denied)`;
    case "check_failed":
      return `${signal.check} command failed in ${signal.tool}${signal.exit_code !== null ? ` (exit ${signal.exit_code})` : ""}`;
    case "api_error":
      return `${signal.failed_attempts} failed API attempt(s)${signal.status_codes.length ? ` (${signal.status_codes.join(", ")})` : ""}`;
    case "interrupted":
      return `interrupted by the user (${signal.source})`;
    case "no_answer":
      return "the turn has no final answer";
    case "many_steps":
      return `${signal.steps} tool calls (more than ${signal.threshold})`;
    case "feedback":
      return `user rated ${signal.rating}/3${signal.label ? ` (${signal.label})` : ""} via ${signal.source}`;
  }
}

const tone = (signal: TurnSignal): string =>
  signal.kind === "feedback" && signal.label !== "bad"
    ? "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
    : "bg-red-50 text-red-800 dark:bg-red-950/50 dark:text-red-300";

/** The turn's signals, one icon per kind (with a count), the details in the tooltip. */
export function SignalIcons({ signals }: { signals: readonly TurnSignal[] }) {
  if (signals.length === 0) return null;
  const byKind = SIGNAL_KINDS.map((kind) => signals.filter((signal) => signal.kind === kind)).filter(
    (list) => list.length > 0,
  );
  return (
    <span data-testid="turn-signals" className="flex flex-wrap gap-1">
      {byKind.map((list) => {
        const first = list[0]!;
        return (
          <span
            key={first.kind}
            data-testid={`turn-signal-${first.kind}`}
            title={list.map(describe).join("\n")}
            className={`rounded px-1 py-px text-[11px] font-medium ${tone(first)}`}
          >
            <span aria-hidden="true">{GLYPH[first.kind]}</span> {SIGNAL_NAMES[first.kind]}
            {list.length > 1 ? ` ×${list.length}` : ""}
          </span>
        );
      })}
    </span>
  );
}

/** A session row's compact indicator: one glyph per signal kind its turns have. */
export function SignalKindGlyphs({ kinds }: { kinds: readonly SignalKind[] }) {
  if (kinds.length === 0) return null;
  return (
    <span
      data-testid="session-signals"
      className="shrink-0 text-xs text-red-700 dark:text-red-400"
      title={kinds.map((k) => SIGNAL_NAMES[k]).join(", ")}
    >
      {kinds.map((kind) => (
        <span key={kind} data-signal={kind} aria-label={SIGNAL_NAMES[kind]}>
          {GLYPH[kind]}
        </span>
      ))}
    </span>
  );
}

/** Suggested labels: never a person's label, so shown apart and marked with where they came from. */
export function SuggestedLabels({ suggestions }: { suggestions: readonly SuggestedLabel[] }) {
  if (suggestions.length === 0) return null;
  return (
    <div data-testid="turn-suggestions" className="mt-1 flex flex-wrap items-center gap-1 text-xs">
      <span className="text-zinc-500">Suggested:</span>
      {suggestions.map((suggestion, i) => (
        <span
          key={i}
          data-testid="turn-suggestion"
          data-suggested-label={suggestion.label ?? ""}
          title={suggestion.explanation ?? undefined}
          className="rounded border border-dashed border-zinc-400 px-1.5 py-px text-zinc-700 dark:border-zinc-600 dark:text-zinc-300"
        >
          {suggestion.label ?? suggestion.score_label ?? String(suggestion.score_value ?? "?")} ·{" "}
          {suggestion.name}
          <span className="text-zinc-400"> ({suggestion.source})</span>
        </span>
      ))}
    </div>
  );
}
