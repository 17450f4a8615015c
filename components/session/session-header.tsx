"use client";
// The session's facts (client, models, time, totals), its own label and note, and the labeling progress.
import type { ReactNode } from "react";
import type { LabelView } from "@/lib/shared/labels";
import type { SessionDetail } from "@/lib/shared/views";
import type { Label } from "@/lib/shared/labels";
import { formatAbsolute, formatCost, formatCount, formatDuration } from "../format";
import { ClientBadge, LabelBadge } from "../label-progress";
import { NoteEditor } from "./note-editor";

interface Props {
  session: SessionDetail["session"];
  label: LabelView;
  editingNote: boolean;
  onLabel: (label: Label) => void;
  onEditNote: () => void;
  onSaveNote: (note: string) => void;
  onCancelNote: () => void;
}

function Fact({ name, children, tone }: { name: string; children: ReactNode; tone?: "error" }) {
  return (
    <div>
      <dt className="text-xs text-zinc-500">{name}</dt>
      <dd
        className={`tabular-nums ${tone === "error" ? "font-semibold text-red-700 dark:text-red-400" : ""}`}
      >
        {children}
      </dd>
    </div>
  );
}

const button =
  "rounded border border-zinc-300 px-2 py-0.5 text-xs hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-900";

export function SessionHeader({
  session,
  label,
  editingNote,
  onLabel,
  onEditNote,
  onSaveNote,
  onCancelNote,
}: Props) {
  const cost = formatCost(session.cost_usd);
  return (
    <section aria-label="Session" className="border-b border-zinc-200 pb-4 dark:border-zinc-800">
      <div className="flex flex-wrap items-center gap-2">
        <ClientBadge client={session.client} />
        {session.client_version && (
          <span className="font-mono text-xs text-zinc-500">{session.client_version}</span>
        )}
        {session.models.map((model) => (
          <span key={model} className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs dark:bg-zinc-800">
            {model}
          </span>
        ))}
        <span className="font-mono text-xs text-zinc-400 [overflow-wrap:anywhere]" title="session id">
          {session.id}
        </span>
      </div>
      <h1
        className="mt-2 line-clamp-3 text-lg font-semibold [overflow-wrap:anywhere]"
        title={session.title ?? undefined}
      >
        {session.title ?? "Session (prompt not logged)"}
      </h1>
      <dl className="mt-3 grid grid-cols-[repeat(auto-fill,minmax(8.5rem,1fr))] gap-x-4 gap-y-2 text-sm">
        <Fact name="Started">
          <time dateTime={session.started_at ?? undefined}>{formatAbsolute(session.started_at)}</time>
        </Fact>
        <Fact name="Duration">{formatDuration(session.duration_ms)}</Fact>
        <Fact name="Turns">{session.turns}</Fact>
        <Fact name="Tool calls">{session.tool_calls}</Fact>
        <Fact name="Tool failures" tone={session.tool_failures > 0 ? "error" : undefined}>
          {session.tool_failures}
        </Fact>
        <Fact name="API errors" tone={session.api_errors > 0 ? "error" : undefined}>
          {session.api_errors}
        </Fact>
        <Fact name="Tokens in / out">
          {formatCount(session.input_tokens)} / {formatCount(session.output_tokens)}
        </Fact>
        <Fact name="Cached / reasoning">
          {formatCount(session.cached_input_tokens)} / {formatCount(session.reasoning_tokens)}
        </Fact>
        {cost && <Fact name="Cost">{cost}</Fact>}
      </dl>
      <div className="mt-3 flex flex-wrap items-center gap-2 text-sm">
        <span className="text-xs text-zinc-500">Session label</span>
        <span data-testid="session-label">
          {label.label ? (
            <LabelBadge label={label.label} />
          ) : (
            <span className="text-xs text-zinc-400">none</span>
          )}
        </span>
        <button type="button" className={button} onClick={() => onLabel("good")} title="Shift+G">
          good
        </button>
        <button type="button" className={button} onClick={() => onLabel("bad")} title="Shift+B">
          bad
        </button>
        {label.label && (
          <button type="button" className={button} onClick={() => onLabel(null)}>
            clear
          </button>
        )}
        <button type="button" className={button} onClick={onEditNote}>
          {label.note ? "edit note" : "add note"}
        </button>
      </div>
      {editingNote ? (
        <NoteEditor label="Session note" initial={label.note} onSave={onSaveNote} onCancel={onCancelNote} />
      ) : (
        label.note && (
          <p
            data-testid="session-note"
            className="mt-2 rounded bg-amber-50 px-2 py-1 text-sm whitespace-pre-wrap [overflow-wrap:anywhere] dark:bg-amber-950/40"
          >
            {label.note}
          </p>
        )
      )}
    </section>
  );
}
