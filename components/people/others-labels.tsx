// The other people's labels on a turn (TurnView.labels_by) as small chips beside the person's own badge, and
// a marker when the verdicts differ (docs/team.md "People"). Rendered by the turn header and the list row.
import type { Label, LabelByView } from "@/lib/shared/labels";

/** Whether the verdicts given (the person's own included) differ. */
export function disagrees(mine: Label, others: readonly LabelByView[]): boolean {
  const verdicts = new Set([mine, ...others.map((other) => other.label)].filter((label) => label !== null));
  return verdicts.size > 1;
}

export function DisagreementMarker({ title, testId }: { title: string; testId: string }) {
  return (
    <span
      data-testid={testId}
      title={title}
      className="inline-flex items-center rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-900 ring-1 ring-amber-600/30 ring-inset dark:bg-amber-950 dark:text-amber-300"
    >
      ≠ disagree
    </span>
  );
}

export function OthersLabels({ mine, others }: { mine: Label; others: readonly LabelByView[] }) {
  const labeled = others.filter((other) => other.label !== null || other.note !== "");
  if (labeled.length === 0) return null;
  return (
    <span data-testid="others-labels" className="inline-flex flex-wrap items-center gap-1">
      {labeled.map((other) => (
        <span
          key={other.author}
          data-testid={`other-label-${other.author}`}
          title={other.note ? `${other.author}: ${other.note}` : other.author}
          className={`rounded px-1 py-0.5 text-xs ring-1 ring-inset ${
            other.label === "bad"
              ? "text-red-700 ring-red-600/30 dark:text-red-400"
              : other.label === "good"
                ? "text-emerald-700 ring-emerald-600/30 dark:text-emerald-400"
                : "text-zinc-500 ring-zinc-400/30"
          }`}
        >
          {other.author} {other.label === "good" ? "✓" : other.label === "bad" ? "✗" : "·"}
        </span>
      ))}
      {disagrees(mine, others) && (
        <DisagreementMarker testId="turn-disagreement" title="The people who labeled this turn disagree" />
      )}
    </span>
  );
}
