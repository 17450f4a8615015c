"use client";
// One turn: index, label, prompt, the agent's steps, the answer, the note. Memoized and keyed by turn id:
// a label change or focus move re-renders only the turns it touches. Only turns near the viewport are
// rendered at all (turn-list.tsx), so each renders in full.
import { memo } from "react";
import type { Label, LabelView } from "@/lib/shared/labels";
import type { Reason } from "@/lib/shared/reasons";
import type { TurnView } from "@/lib/shared/views";
import { formatAbsolute, formatCost, formatCount, formatDuration } from "../format";
import { LabelBadge } from "../label-progress";
import { RichText } from "./markdown";
import { CorrectionDiff } from "./correction-diff";
import { CorrectionEditor } from "./correction-editor";
import { NoteEditor } from "./note-editor";
import { OthersLabels } from "../people/others-labels";
import { ReasonChips } from "./reason-chips";
import { SignalIcons, SuggestedLabels } from "./signal-icons";
import { TurnRecords } from "./turn-records";
import { TurnSteps } from "./turn-steps";

export interface TurnActions {
  focus: (turnId: string) => void;
  label: (turnId: string, label: Label) => void;
  editNote: (turnId: string) => void;
  saveNote: (turnId: string, note: string) => void;
  cancelNote: () => void;
  toggleReason: (turnId: string, reasonId: string) => void;
  editCorrection: (turnId: string) => void;
  saveCorrection: (turnId: string, correction: string | null) => void;
  cancelCorrection: () => void;
}

interface Props {
  turn: TurnView;
  label: LabelView;
  focused: boolean;
  /** Inside the Shift+J / Shift+K range. */
  selected: boolean;
  editing: boolean;
  /** Prompts and messages as the raw logged text instead of Markdown. */
  raw: boolean;
  /** The correction editor is open on this turn. */
  correcting: boolean;
  reasons: Reason[];
  actions: TurnActions;
}

const button = "rounded px-1.5 py-0.5 text-xs hover:bg-zinc-100 dark:hover:bg-zinc-800";

export const TurnCard = memo(function TurnCard({
  turn,
  label,
  focused,
  selected,
  editing,
  raw,
  correcting,
  reasons,
  actions,
}: Props) {
  const cost = formatCost(turn.cost_usd);
  const duration =
    turn.started_at && turn.ended_at ? Date.parse(turn.ended_at) - Date.parse(turn.started_at) : null;
  const failures = turn.tool_calls.filter((call) => call.success === false).length;
  return (
    <article
      id={`turn-${turn.id}`}
      data-testid="turn"
      data-turn-id={turn.id}
      data-focused={focused ? "true" : undefined}
      data-selected={selected ? "true" : undefined}
      aria-current={focused ? "true" : undefined}
      aria-label={`Turn ${turn.index + 1}`}
      onClick={() => actions.focus(turn.id)}
      className={`max-w-full min-w-0 scroll-mt-24 rounded-lg border-2 px-4 py-3 ${
        focused
          ? "border-blue-500 bg-blue-50/40 dark:border-blue-400 dark:bg-blue-950/20"
          : label.label === "bad"
            ? "border-red-200 dark:border-red-900/60"
            : "border-zinc-200 dark:border-zinc-800"
      }`}
    >
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-zinc-500">
        <span className="font-mono text-sm font-semibold text-zinc-900 dark:text-zinc-100">
          #{turn.index + 1}
        </span>
        <LabelBadge label={label.label} testId={label.label ? `turn-label-${label.label}` : undefined} />
        <OthersLabels mine={label.label} others={turn.labels_by ?? []} />
        <time dateTime={turn.started_at ?? undefined} title={formatAbsolute(turn.started_at)}>
          {turn.started_at ? new Date(turn.started_at).toLocaleTimeString() : "time unknown"}
        </time>
        {turn.model && <span className="font-mono">{turn.model}</span>}
        <span className="tabular-nums">{formatDuration(duration)}</span>
        <span
          className="tabular-nums"
          title={`${turn.cached_input_tokens} cached, ${turn.reasoning_tokens} reasoning`}
        >
          {formatCount(turn.input_tokens)} in · {formatCount(turn.output_tokens)} out
        </span>
        {cost && <span>{cost}</span>}
        {turn.api_errors > 0 && (
          <span className="font-semibold text-red-700 dark:text-red-400">{turn.api_errors} API errors</span>
        )}
        {failures > 0 && (
          <span className="font-semibold text-red-700 dark:text-red-400">{failures} failed tools</span>
        )}
        <SignalIcons signals={turn.signals ?? []} />
        <span className="ml-auto flex gap-1" onClick={(event) => event.stopPropagation()}>
          <button
            type="button"
            className={button}
            onClick={() => actions.label(turn.id, "good")}
            title="Good (g)"
          >
            good
          </button>
          <button
            type="button"
            className={button}
            onClick={() => actions.label(turn.id, "bad")}
            title="Bad (b)"
          >
            bad
          </button>
          {label.label !== null && (
            <button
              type="button"
              className={button}
              onClick={() => actions.label(turn.id, null)}
              title="Clear (x)"
            >
              clear
            </button>
          )}
          <button type="button" className={button} onClick={() => actions.editNote(turn.id)} title="Note (n)">
            note
          </button>
          <button
            type="button"
            className={button}
            onClick={() => actions.editCorrection(turn.id)}
            title="Correct the answer (e)"
          >
            correct
          </button>
        </span>
      </header>
      <ReasonChips
        vocabulary={reasons}
        attached={label.reasons}
        focused={focused}
        onToggle={(id) => actions.toggleReason(turn.id, id)}
      />
      <SuggestedLabels suggestions={turn.suggested_labels ?? []} />
      <Prompt turn={turn} raw={raw} />
      <TurnSteps turn={turn} raw={raw} />
      {label.correction !== null && !correcting ? (
        <CorrectionDiff
          original={turn.response}
          correction={label.correction}
          onEdit={() => actions.editCorrection(turn.id)}
          onClear={() => actions.saveCorrection(turn.id, null)}
        />
      ) : (
        turn.response !== null && (
          <div className="mt-2">
            <h3 className="text-xs font-semibold text-zinc-500">Answer</h3>
            <RichText text={turn.response} raw={raw} testId="turn-answer" />
          </div>
        )
      )}
      {correcting && (
        <CorrectionEditor
          label={`Corrected answer for turn ${turn.index + 1}`}
          initial={label.correction ?? turn.response ?? ""}
          hasCorrection={label.correction !== null}
          onSave={(correction) => actions.saveCorrection(turn.id, correction)}
          onCancel={actions.cancelCorrection}
        />
      )}
      {editing ? (
        <NoteEditor
          label={`Note for turn ${turn.index + 1}`}
          initial={label.note}
          onSave={(note) => actions.saveNote(turn.id, note)}
          onCancel={actions.cancelNote}
        />
      ) : (
        label.note && (
          <p
            data-testid="turn-note"
            className="mt-2 rounded bg-amber-50 px-2 py-1 text-sm whitespace-pre-wrap [overflow-wrap:anywhere] dark:bg-amber-950/40"
          >
            <span className="mr-1 text-xs font-semibold text-amber-800 dark:text-amber-300">Note:</span>
            {label.note}
          </p>
        )
      )}
      <TurnRecords turnId={turn.id} hasTraces={turn.trace_ids.length > 0} />
    </article>
  );
});

function Prompt({ turn, raw }: { turn: TurnView; raw: boolean }) {
  if (turn.prompt === null) {
    return (
      <p className="mt-2 text-sm text-zinc-500 italic">
        {turn.prompt_redacted ? "Prompt redacted by the client." : "Prompt not logged."}
      </p>
    );
  }
  return (
    <div className="mt-2 font-medium">
      <RichText text={turn.prompt} raw={raw} testId="turn-prompt" />
    </div>
  );
}
