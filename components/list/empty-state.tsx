// What the list shows with nothing to show: how to connect an agent, or how to get out of a filter.
import Link from "next/link";
import { clientName, isMetricsOnly } from "@/lib/shared/clients";

export function EmptyState({
  filtered,
  client,
  onClear,
}: {
  filtered: boolean;
  client?: string;
  onClear: () => void;
}) {
  if (client !== undefined && isMetricsOnly(client)) {
    // A metrics-only client (Continue) never has sessions: say why instead of showing nothing.
    return (
      <div
        data-testid="metrics-only-empty"
        className="rounded-lg border border-dashed border-zinc-300 px-6 py-10 text-center dark:border-zinc-700"
      >
        <p className="font-medium">{clientName(client)} has no sessions: it sends metrics only.</p>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          It exports tokens, cost and activity as metrics, with no prompts and no session id, so there are no
          turns to show or label. Its usage is in the{" "}
          <Link
            href={`/overview?client=${encodeURIComponent(client)}`}
            className="text-blue-700 hover:underline dark:text-blue-400"
          >
            Overview
          </Link>
          .
        </p>
        <button
          type="button"
          onClick={onClear}
          className="mt-2 text-sm text-blue-700 hover:underline dark:text-blue-400"
        >
          Clear filters
        </button>
      </div>
    );
  }
  if (filtered) {
    return (
      <div className="rounded-lg border border-dashed border-zinc-300 px-6 py-10 text-center dark:border-zinc-700">
        <p className="font-medium">No sessions match these filters.</p>
        <button
          type="button"
          onClick={onClear}
          className="mt-2 text-sm text-blue-700 hover:underline dark:text-blue-400"
        >
          Clear filters
        </button>
      </div>
    );
  }
  return (
    <div
      data-testid="empty-state"
      className="rounded-lg border border-dashed border-zinc-300 px-6 py-10 text-center dark:border-zinc-700"
    >
      <p className="font-medium">No sessions yet.</p>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        Point Codex, Claude Code, Gemini CLI, Copilot CLI, Qwen Code or opencode at this server and their
        sessions appear here as they run.
      </p>
      <Link
        href="/connect"
        className="mt-3 inline-block rounded bg-blue-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-700"
      >
        Connect an agent
      </Link>
    </div>
  );
}
