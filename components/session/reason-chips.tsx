"use client";
// A turn's reasons as chips. On the focused turn every reason of the vocabulary shows, with its key (1–9),
// pressed when attached; elsewhere only the attached ones. Ids no longer in the vocabulary still show. The
// lane is one line of the same height on every turn, scrolling sideways when full: moving the focus must not
// change the page's height (the reading focus follows scrolling, and a growing turn would move it again).
import type { Reason } from "@/lib/shared/reasons";

interface Props {
  vocabulary: Reason[];
  attached: string[];
  focused: boolean;
  onToggle: (id: string) => void;
}

const chip = "rounded-full border px-2 py-0.5 text-xs";
const tone = (polarity: Reason["polarity"] | undefined, on: boolean): string =>
  !on
    ? "border-zinc-300 text-zinc-500 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
    : polarity === "good"
      ? "border-emerald-500 bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
      : "border-red-500 bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-100";

export function ReasonChips({ vocabulary, attached, focused, onToggle }: Props) {
  const known = new Map(vocabulary.map((reason, i) => [reason.id, { reason, key: i < 9 ? i + 1 : null }]));
  const shown = focused
    ? [...vocabulary.map((reason) => reason.id), ...attached.filter((id) => !known.has(id))]
    : attached;
  return (
    <ul
      className="mt-2 flex h-7 flex-nowrap items-center gap-1 overflow-x-auto"
      aria-label="Reasons"
      data-testid="reason-chips"
      onClick={(event) => event.stopPropagation()}
    >
      {shown.map((id) => {
        const entry = known.get(id);
        const on = attached.includes(id);
        return (
          <li key={id} className="shrink-0">
            <button
              type="button"
              data-testid="reason-chip"
              data-reason={id}
              aria-pressed={on}
              title={entry?.key ? `Toggle (${entry.key})` : "Toggle"}
              className={`${chip} ${tone(entry?.reason.polarity, on)}`}
              onClick={() => onToggle(id)}
            >
              {focused && entry?.key ? <kbd className="mr-1 font-mono opacity-60">{entry.key}</kbd> : null}
              {entry?.reason.title ?? id}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
