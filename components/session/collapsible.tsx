"use client";
// A labelled section that renders its content only while open, so collapsed parts of 2,000 turns cost
// nothing. Long content starts collapsed; short content starts open.
import { useState, type ReactNode } from "react";

export function Collapsible({
  title,
  meta,
  defaultOpen,
  tone,
  children,
}: {
  title: string;
  meta?: string;
  defaultOpen: boolean;
  tone?: "error";
  children: ReactNode;
}) {
  const [open, setOpen] = useState(defaultOpen);
  return (
    <div className="mt-1">
      <button
        type="button"
        aria-expanded={open}
        onClick={(event) => {
          event.stopPropagation();
          setOpen(!open);
        }}
        className={`flex items-center gap-1 text-xs font-medium ${tone === "error" ? "text-red-700 dark:text-red-400" : "text-zinc-600 dark:text-zinc-400"} hover:text-zinc-900 dark:hover:text-zinc-100`}
      >
        <span aria-hidden="true" className="inline-block w-3">
          {open ? "▾" : "▸"}
        </span>
        {title}
        {meta && <span className="font-normal text-zinc-500">· {meta}</span>}
      </button>
      {open && <div className="mt-1 ml-4">{children}</div>}
    </div>
  );
}

/** "Long" for collapsing purposes: more than a screenful of a small card. */
export function isLong(text: string): boolean {
  if (text.length > 1_500) return true;
  let lines = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) if (++lines >= 12) return true;
  return false;
}
