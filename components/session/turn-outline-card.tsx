"use client";
// A turn whose full data is still on its way (turn-list.tsx fetches it by range): the card with what the
// outline knows (index, label, time, model, signals, the prompt's first line), so keys, focus and labels work on
// it at once. Same test hooks as TurnCard; `data-loaded="false"` tells them apart.
import { memo } from "react";
import type { LabelView } from "@/lib/shared/labels";
import type { TurnOutline } from "@/lib/shared/session-outline";
import { formatAbsolute } from "../format";
import { LabelBadge } from "../label-progress";
import { SignalKindGlyphs } from "./signal-icons";

interface Props {
  turn: TurnOutline;
  label: LabelView;
  focused: boolean;
  selected: boolean;
  onFocus: (turnId: string) => void;
}

export const TurnOutlineCard = memo(function TurnOutlineCard({
  turn,
  label,
  focused,
  selected,
  onFocus,
}: Props) {
  return (
    <article
      id={`turn-${turn.id}`}
      data-testid="turn"
      data-turn-id={turn.id}
      data-loaded="false"
      data-focused={focused ? "true" : undefined}
      data-selected={selected ? "true" : undefined}
      aria-current={focused ? "true" : undefined}
      aria-label={`Turn ${turn.index + 1}`}
      aria-busy="true"
      onClick={() => onFocus(turn.id)}
      className={`max-w-full min-w-0 scroll-mt-24 rounded-lg border-2 px-4 py-3 ${
        focused
          ? "border-blue-500 bg-blue-50/40 dark:border-blue-400 dark:bg-blue-950/20"
          : "border-zinc-200 dark:border-zinc-800"
      }`}
    >
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-zinc-500">
        <span className="font-mono text-sm font-semibold text-zinc-900 dark:text-zinc-100">
          #{turn.index + 1}
        </span>
        <LabelBadge label={label.label} testId={label.label ? `turn-label-${label.label}` : undefined} />
        <time dateTime={turn.started_at ?? undefined} title={formatAbsolute(turn.started_at)}>
          {turn.started_at ? new Date(turn.started_at).toLocaleTimeString() : "time unknown"}
        </time>
        {turn.model && <span className="font-mono">{turn.model}</span>}
        <SignalKindGlyphs kinds={turn.signals} />
      </header>
      <p className="mt-2 line-clamp-2 font-medium [overflow-wrap:anywhere]">
        {turn.prompt_preview ??
          (turn.prompt_redacted ? "Prompt redacted by the client." : "Prompt not logged.")}
      </p>
      <p className="mt-2 text-xs text-zinc-400">
        {turn.tool_calls} tool calls · {turn.api_calls} model calls · loading…
      </p>
    </article>
  );
});
