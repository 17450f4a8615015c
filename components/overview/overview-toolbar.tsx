// The Overview's scope controls: time range and client. They change the URL; the view reads the URL.
import { CLIENT_IDS } from "@/lib/shared/clients";
import { OVERVIEW_RANGES, RANGE_LABELS, type OverviewState } from "./overview-query";

const control =
  "rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900";

export function OverviewToolbar({
  state,
  onChange,
}: {
  state: OverviewState;
  onChange: (state: OverviewState) => void;
}) {
  return (
    <div className="ml-auto flex flex-wrap items-center gap-2">
      <div
        role="group"
        aria-label="Time range"
        className="flex overflow-hidden rounded border border-zinc-300 text-sm dark:border-zinc-700"
      >
        {OVERVIEW_RANGES.map((range) => (
          <button
            key={range}
            type="button"
            title={RANGE_LABELS[range]}
            aria-pressed={state.range === range}
            data-testid={`range-${range}`}
            onClick={() => onChange({ ...state, range })}
            className={`px-2 py-1 ${state.range === range ? "bg-zinc-200 font-medium dark:bg-zinc-700" : "hover:bg-zinc-100 dark:hover:bg-zinc-800"}`}
          >
            {range}
          </button>
        ))}
      </div>
      <select
        aria-label="Client"
        className={control}
        value={state.client ?? ""}
        onChange={(event) => {
          const { client: _previous, ...rest } = state;
          onChange(event.target.value ? { ...rest, client: event.target.value } : rest);
        }}
      >
        <option value="">All clients</option>
        {CLIENT_IDS.map((client) => (
          <option key={client} value={client}>
            {client}
          </option>
        ))}
      </select>
    </div>
  );
}
