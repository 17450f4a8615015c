"use client";
// The list's tool filter: the tool names the index has seen (GET /api/tools), most called first. The
// chosen tool stays listed even before the names arrive, so a linked `?tool=` shows what it filters by.
import { useEffect, useState } from "react";
import { getTools } from "../api";

interface Props {
  className: string;
  value: string;
  onChange: (tool: string) => void;
}

export function ToolSelect({ className, value, onChange }: Props) {
  const [names, setNames] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    getTools()
      .then((list) => live && setNames(list.tools.map((tool) => tool.name)))
      .catch(() => undefined); // the filter still works from the URL; the list page shows API errors itself
    return () => {
      live = false;
    };
  }, []);
  const options = value && !names.includes(value) ? [value, ...names] : names;
  return (
    <select
      aria-label="Tool"
      data-testid="tool-filter"
      className={className}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    >
      <option value="">Any tool</option>
      {options.map((name) => (
        <option key={name} value={name}>
          {name}
        </option>
      ))}
    </select>
  );
}
