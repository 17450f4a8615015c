// Where a listed session matched the search: the snippet with its hits as <mark>. The parts are plain text
// from the API (lib/sessions/search.ts toSnippetParts); React renders them as text, never as HTML.
import type { SearchMatch } from "@/lib/shared/views";

const FIELD_LABELS: Record<SearchMatch["field"], string> = {
  prompt: "prompt",
  response: "answer",
  tools: "tool call",
  note: "note",
};

function whereLabel(match: SearchMatch): string {
  const field = FIELD_LABELS[match.field];
  if (match.turn_index === null) return match.field === "note" ? "session note" : field;
  return `turn ${match.turn_index + 1} · ${field}`;
}

export function SearchSnippets({ matches }: { matches: SearchMatch[] }) {
  return (
    <span className="mt-1 flex min-w-0 flex-col gap-0.5 text-xs text-zinc-600 dark:text-zinc-400">
      {matches.map((match) => (
        <span
          key={`${match.field}:${match.turn_id ?? ""}`}
          data-testid="search-snippet"
          data-field={match.field}
          className="line-clamp-2 break-words"
        >
          <span className="mr-1.5 font-medium text-zinc-500">{whereLabel(match)}</span>
          {match.snippet.map((part, i) =>
            part.hit ? (
              <mark
                key={i}
                className="rounded-sm bg-yellow-200 px-0.5 text-zinc-900 dark:bg-yellow-500/40 dark:text-zinc-50"
              >
                {part.text}
              </mark>
            ) : (
              <span key={i}>{part.text}</span>
            ),
          )}
        </span>
      ))}
    </span>
  );
}
