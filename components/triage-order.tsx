"use client";
// Which order `u` walks unlabeled turns in: time order (newest session first) or triage order (likely bad
// first, by signal strength; docs/api.md "Triage order"). One remembered choice (localStorage) for the list
// and the session view.
import { useStoredFlag } from "./use-stored-flag";

export function useTriageOrder(): [boolean, (value: boolean) => void] {
  return useStoredFlag("tracemark.triageOrder", false);
}

/** The review walk's `order` parameter. */
export const reviewOrder = (triage: boolean): "triage" | "time" => (triage ? "triage" : "time");

export function TriageToggle({ triage, onChange }: { triage: boolean; onChange: (value: boolean) => void }) {
  return (
    <label
      className="flex items-center gap-1 text-xs"
      title="u walks unlabeled turns with the strongest signals first"
    >
      <input
        type="checkbox"
        data-testid="triage-toggle"
        checked={triage}
        onChange={(event) => onChange(event.target.checked)}
      />
      u: likely bad first
    </label>
  );
}
