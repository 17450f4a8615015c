// One session in the list: a link row with the columns of the header (session-list.tsx) from 640 px up, a
// card (client and time, the prompt over several lines, the figures) below; with a search, where it matched.
import Link from "next/link";
import { memo, type ReactNode } from "react";
import type { SessionSummary } from "@/lib/shared/views";
import { formatAbsolute, formatCount, formatDuration, formatRelative } from "../format";
import { ClientBadge, LabelBadge, LabelProgress } from "../label-progress";
import { DisagreementMarker } from "../people/others-labels";
import { SearchSnippets } from "./search-snippet";
import { SignalKindGlyphs } from "../session/signal-icons";

/** Shared with the header row so columns line up (from the `sm` breakpoint; below it rows are cards). */
export const ROW_GRID =
  "sm:grid sm:grid-cols-[7.5rem_minmax(0,1fr)_6.5rem_5rem_3.5rem_3.5rem_3.5rem_5rem_5.5rem] sm:items-center sm:gap-x-3";

/** Grid column of each cell; cells are ordered in the DOM for the card and placed for the row. */
const COL = [
  "",
  "sm:col-start-1",
  "sm:col-start-2",
  "sm:col-start-3",
  "sm:col-start-4",
  "sm:col-start-5",
  "sm:col-start-6",
  "sm:col-start-7",
  "sm:col-start-8",
  "sm:col-start-9",
];

interface Props {
  session: SessionSummary;
  selected: boolean;
  now: number;
  /** The search text: opening the session passes it on (`?q=`) so the session shows the match. */
  q: string | undefined;
  onOpen: (id: string) => void;
}

export function sessionHref(id: string, q: string | undefined): string {
  return `/sessions/${encodeURIComponent(id)}${q ? `?q=${encodeURIComponent(q)}` : ""}`;
}

/** A figure: its column in the row; in the card, a value with its unit. */
function Figure({
  col,
  unit,
  title,
  className = "",
  children,
}: {
  col: number;
  unit?: string;
  title?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <span className={`tabular-nums sm:row-start-1 sm:text-right ${COL[col]} ${className}`} title={title}>
      {children}
      {unit && <span className="sm:hidden"> {unit}</span>}
    </span>
  );
}

export const SessionRow = memo(function SessionRow({ session, selected, now, q, onOpen }: Props) {
  const errors = session.api_errors + session.tool_failures;
  return (
    <li>
      <Link
        href={sessionHref(session.id, q)}
        // Session pages render per request; prefetching 50 of them on every list refresh would be waste.
        prefetch={false}
        onClick={() => onOpen(session.id)}
        data-testid="session-row"
        data-session-id={session.id}
        data-selected={selected ? "true" : undefined}
        className={`${ROW_GRID} block border-b border-zinc-100 px-2 py-2 text-sm hover:bg-zinc-50 dark:border-zinc-800/70 dark:hover:bg-zinc-900 ${
          selected ? "bg-blue-50 ring-2 ring-blue-500 ring-inset dark:bg-blue-950/40" : ""
        }`}
      >
        <span className="flex items-center gap-2 sm:contents">
          <span
            className={`min-w-0 truncate sm:row-start-1 ${COL[1]}`}
            title={session.client_version ? `${session.client} ${session.client_version}` : session.client}
          >
            <ClientBadge client={session.client} />
            {session.client_version && (
              <span className="ml-1 font-mono text-xs text-zinc-500">{session.client_version}</span>
            )}
          </span>
          <time
            dateTime={session.started_at ?? undefined}
            title={formatAbsolute(session.started_at)}
            className={`text-xs text-zinc-600 sm:row-start-1 sm:text-sm dark:text-zinc-400 ${COL[3]}`}
          >
            {formatRelative(session.started_at, now)}
          </time>
        </span>
        <span
          className={`mt-1 flex min-w-0 items-start gap-2 sm:row-start-1 sm:mt-0 sm:items-center ${COL[2]}`}
        >
          <span
            data-testid="session-prompt"
            className={`line-clamp-3 min-w-0 flex-1 break-words sm:line-clamp-none sm:truncate ${session.title ? "" : "text-zinc-400 italic"}`}
            title={session.title ?? undefined}
          >
            {session.title ?? "prompt not logged"}
          </span>
          <LabelBadge label={session.label} />
          <SignalKindGlyphs kinds={session.signals ?? []} />
        </span>
        <span className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-0.5 text-xs text-zinc-600 sm:contents sm:text-sm sm:text-inherit dark:text-zinc-400">
          <Figure col={4}>{formatDuration(session.duration_ms)}</Figure>
          <Figure col={5} unit="turns">
            {session.turns}
          </Figure>
          <Figure col={6} unit="tools">
            {session.tool_calls}
          </Figure>
          <Figure
            col={7}
            unit="errors"
            title={`${session.api_errors} API errors, ${session.tool_failures} failed tool calls`}
            className={errors > 0 ? "font-semibold text-red-700 dark:text-red-400" : "text-zinc-400"}
          >
            {errors}
          </Figure>
          <Figure
            col={8}
            unit="tokens"
            title={`${session.input_tokens} in, ${session.output_tokens} out, ${session.cached_input_tokens} cached, ${session.reasoning_tokens} reasoning`}
          >
            {formatCount(session.input_tokens + session.output_tokens)}
          </Figure>
          <span className={`sm:row-start-1 sm:text-right ${COL[9]}`}>
            <LabelProgress labeled={session.labeled_turns} total={session.turns} bad={session.bad_turns} />
            {session.disagreements > 0 && (
              <DisagreementMarker
                testId="session-disagreements"
                title={`${session.disagreements} turns where the people who labeled them disagree`}
              />
            )}
            {session.others_labeled > 0 && (
              <span
                data-testid="session-others-labeled"
                className="ml-1 text-xs text-zinc-500"
                title="Turns other people labeled"
              >
                {session.others_labeled} by others
              </span>
            )}
          </span>
        </span>
        {session.matches && session.matches.length > 0 && (
          <span className="block sm:col-span-8 sm:col-start-2 sm:row-start-2">
            <SearchSnippets matches={session.matches} />
          </span>
        )}
      </Link>
    </li>
  );
});
