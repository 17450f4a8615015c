// One session in the list: a link row with the columns of LIST_COLUMNS (session-list.tsx).
import Link from "next/link";
import { memo } from "react";
import type { SessionSummary } from "@/lib/shared/views";
import { formatAbsolute, formatCount, formatDuration, formatRelative } from "../format";
import { ClientBadge, LabelBadge, LabelProgress } from "../label-progress";

/** Shared with the header row so columns line up. */
export const ROW_GRID = "grid grid-cols-[7.5rem_minmax(0,1fr)_6.5rem_5rem_3.5rem_3.5rem_3.5rem_5rem_5.5rem] items-center gap-x-3";

interface Props {
  session: SessionSummary;
  selected: boolean;
  now: number;
}

export const SessionRow = memo(function SessionRow({ session, selected, now }: Props) {
  const errors = session.api_errors + session.tool_failures;
  return (
    <li>
      <Link
        href={`/sessions/${encodeURIComponent(session.id)}`}
        // Session pages render per request; prefetching 50 of them on every list refresh would be waste.
        prefetch={false}
        data-testid="session-row"
        data-session-id={session.id}
        data-selected={selected ? "true" : undefined}
        className={`${ROW_GRID} border-b border-zinc-100 px-2 py-2 text-sm hover:bg-zinc-50 dark:border-zinc-800/70 dark:hover:bg-zinc-900 ${
          selected ? "bg-blue-50 ring-2 ring-blue-500 ring-inset dark:bg-blue-950/40" : ""
        }`}
      >
        <span className="truncate" title={session.client_version ? `${session.client} ${session.client_version}` : session.client}>
          <ClientBadge client={session.client} />
        </span>
        <span className="flex min-w-0 items-center gap-2">
          <span className={`truncate ${session.title ? "" : "text-zinc-400 italic"}`} title={session.title ?? undefined}>
            {session.title ?? "prompt not logged"}
          </span>
          <LabelBadge label={session.label} />
        </span>
        <time dateTime={session.started_at ?? undefined} title={formatAbsolute(session.started_at)} className="text-zinc-600 dark:text-zinc-400">
          {formatRelative(session.started_at, now)}
        </time>
        <span className="text-right tabular-nums">{formatDuration(session.duration_ms)}</span>
        <span className="text-right tabular-nums">{session.turns}</span>
        <span className="text-right tabular-nums">{session.tool_calls}</span>
        <span
          className={`text-right tabular-nums ${errors > 0 ? "font-semibold text-red-700 dark:text-red-400" : "text-zinc-400"}`}
          title={`${session.api_errors} API errors, ${session.tool_failures} failed tool calls`}
        >
          {errors}
        </span>
        <span
          className="text-right tabular-nums"
          title={`${session.input_tokens} in, ${session.output_tokens} out, ${session.cached_input_tokens} cached, ${session.reasoning_tokens} reasoning`}
        >
          {formatCount(session.input_tokens + session.output_tokens)}
        </span>
        <span className="text-right">
          <LabelProgress labeled={session.labeled_turns} total={session.turns} bad={session.bad_turns} />
        </span>
      </Link>
    </li>
  );
});
