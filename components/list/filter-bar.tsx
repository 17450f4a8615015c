"use client";
// The list's filters and search box. Every change goes straight to the URL (the list reads the URL), so a
// filtered view can be reloaded or linked. The search box updates the URL after a short typing pause.
import { useEffect, useRef, useState, type RefObject } from "react";
import { CLIENT_IDS } from "@/lib/shared/clients";
import { LABEL_STATES } from "@/lib/shared/labels";
import { SIGNAL_KINDS } from "@/lib/shared/signals";
import { RANGES, isFiltered, type ListFilter, type Range } from "../list-filter";
import { ReasonSelect } from "../reasons/reason-select";
import { SIGNAL_NAMES } from "../session/signal-icons";
import { ToolSelect } from "./tool-select";

const RANGE_LABELS: Record<Range, string> = {
  "1h": "Last hour",
  "24h": "Last 24 hours",
  "7d": "Last 7 days",
  "30d": "Last 30 days",
};
const SEARCH_PAUSE_MS = 300;

const control =
  "rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900";

interface Props {
  filter: ListFilter;
  models: string[];
  searchRef: RefObject<HTMLInputElement | null>;
  onChange: (filter: ListFilter) => void;
}

export function FilterBar({ filter, models, searchRef, onChange }: Props) {
  const [customRange, setCustomRange] = useState(false);
  const rangeValue = filter.range ?? (customRange || filter.since || filter.until ? "custom" : "");
  const set = (patch: Partial<ListFilter>): void => onChange({ ...filter, ...patch });

  return (
    <div className="flex flex-wrap items-center gap-2 py-3" role="search">
      <SearchBox value={filter.q ?? ""} inputRef={searchRef} onSearch={(q) => set({ q: q || undefined })} />
      <select
        aria-label="Client"
        className={control}
        value={filter.client ?? ""}
        onChange={(e) => set({ client: e.target.value || undefined })}
      >
        <option value="">All clients</option>
        {CLIENT_IDS.map((client) => (
          <option key={client} value={client}>
            {client}
          </option>
        ))}
      </select>
      <select
        aria-label="Model"
        className={control}
        value={filter.model ?? ""}
        onChange={(e) => set({ model: e.target.value || undefined })}
      >
        <option value="">All models</option>
        {models.map((model) => (
          <option key={model} value={model}>
            {model}
          </option>
        ))}
      </select>
      <select
        aria-label="Label state"
        className={control}
        value={filter.label_state ?? ""}
        onChange={(e) => set({ label_state: LABEL_STATES.find((state) => state === e.target.value) })}
      >
        <option value="">Any label state</option>
        <option value="unlabeled">Unlabeled</option>
        <option value="partly">Partly labeled</option>
        <option value="done">Fully labeled</option>
        <option value="has-bad">Has a bad turn</option>
        <option value="others-not-me">Labeled by someone else, not me</option>
      </select>
      <ReasonSelect
        className={control}
        label="Reason"
        anyText="Any reason"
        value={filter.reason ?? ""}
        onChange={(reason) => set({ reason: reason || undefined })}
      />
      <select
        aria-label="Signal"
        data-testid="signal-filter"
        className={control}
        value={filter.signal ?? ""}
        onChange={(e) => set({ signal: SIGNAL_KINDS.find((kind) => kind === e.target.value) })}
      >
        <option value="">Any signal</option>
        {SIGNAL_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {SIGNAL_NAMES[kind]}
          </option>
        ))}
      </select>
      <ToolSelect
        className={control}
        value={filter.tool ?? ""}
        onChange={(tool) => set({ tool: tool || undefined })}
      />
      <select
        aria-label="Time range"
        className={control}
        value={rangeValue}
        onChange={(e) => {
          const value = e.target.value;
          setCustomRange(value === "custom");
          if (value !== "custom")
            set({
              range: value in RANGES ? (value as Range) : undefined,
              since: undefined,
              until: undefined,
            });
          else set({ range: undefined });
        }}
      >
        <option value="">Any time</option>
        {Object.entries(RANGE_LABELS).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
        <option value="custom">Custom…</option>
      </select>
      {rangeValue === "custom" && (
        <>
          <input
            type="datetime-local"
            aria-label="From"
            className={control}
            value={toDateTimeLocal(filter.since)}
            onChange={(e) => set({ since: e.target.value || undefined })}
          />
          <input
            type="datetime-local"
            aria-label="Until"
            className={control}
            value={toDateTimeLocal(filter.until)}
            onChange={(e) => set({ until: e.target.value || undefined })}
          />
        </>
      )}
      <label className="flex items-center gap-1 text-sm">
        <input
          type="checkbox"
          checked={filter.has_errors ?? false}
          onChange={(e) => set({ has_errors: e.target.checked || undefined })}
        />
        Has errors
      </label>
      <label className="flex items-center gap-1 text-sm">
        <input
          type="checkbox"
          checked={filter.tool_failed ?? false}
          onChange={(e) => set({ tool_failed: e.target.checked || undefined })}
        />
        Tool failed
      </label>
      {isFiltered(filter) && (
        <button
          type="button"
          className="text-sm text-blue-700 hover:underline dark:text-blue-400"
          onClick={() => {
            setCustomRange(false);
            onChange({});
          }}
        >
          Clear filters
        </button>
      )}
    </div>
  );
}

function SearchBox({
  value,
  inputRef,
  onSearch,
}: {
  value: string;
  inputRef: RefObject<HTMLInputElement | null>;
  onSearch: (q: string) => void;
}) {
  const [draft, setDraft] = useState(value);
  // The URL can change under us (back button, "Clear filters"): adopt its value, unless it is the one we
  // just sent (the person may have typed on since, and those keys must not be lost).
  const [shown, setShown] = useState(value);
  const [sent, setSent] = useState(value);
  if (value !== shown) {
    setShown(value);
    if (value !== sent) setDraft(value);
  }
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const commit = (text: string): void => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (text.trim() === value) return;
    setSent(text.trim());
    onSearch(text.trim());
  };
  return (
    <input
      ref={inputRef}
      type="search"
      data-testid="search-input"
      aria-label="Search prompts, answers and tools"
      placeholder="Search…  ( / )"
      className={`${control} w-72`}
      value={draft}
      onChange={(e) => {
        const text = e.target.value;
        setDraft(text);
        if (timer.current) clearTimeout(timer.current);
        timer.current = setTimeout(() => commit(text), SEARCH_PAUSE_MS);
      }}
      onKeyDown={(e) => {
        if (e.key === "Enter") commit(draft);
        if (e.key === "Escape") {
          // Esc leaves the box; Chromium's default for a search field would also clear it, and that clear
          // would be committed after the pause, possibly on the session page the list has moved on to.
          e.preventDefault();
          e.currentTarget.blur();
        }
      }}
    />
  );
}

/** A time from the URL (local `YYYY-MM-DDTHH:mm`, or ISO UTC from an Overview link) as a datetime-local value. */
function toDateTimeLocal(value: string | undefined): string {
  if (!value) return "";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return "";
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}
