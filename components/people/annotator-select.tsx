"use client";
// The Export panel's "whose labels" choice: mine (the default), one person, majority, any-bad or all
// (docs/export-format.md "Annotators"); the people come from GET /api/people.
import { useEffect, useState } from "react";
import type { PeopleView } from "@/lib/shared/people";

export function AnnotatorSelect({
  className,
  value,
  onChange,
}: {
  className: string;
  value: string;
  onChange: (value: string) => void;
}) {
  const [people, setPeople] = useState<PeopleView | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    fetch("/api/people", { signal: controller.signal, cache: "no-store" })
      .then(async (response) => (response.ok ? setPeople((await response.json()) as PeopleView) : undefined))
      .catch(() => undefined); // the choice still offers the rules without the names
    return () => controller.abort();
  }, []);
  const others = (people?.people ?? []).filter((person) => person.name !== people?.me && person.labels > 0);
  return (
    <select
      className={className}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      data-testid="export-annotator"
    >
      <option value="">{people ? `mine (${people.me})` : "mine"}</option>
      {others.map((person) => (
        <option key={person.name} value={person.name}>
          {person.name} ({person.labels} labels)
        </option>
      ))}
      <option value="majority">majority (a tie is no label)</option>
      <option value="any-bad">any-bad (bad if anyone said bad)</option>
      <option value="all">all, one row per person</option>
    </select>
  );
}
