"use client";
// Telemetry text (arguments, outputs, raw records) in monospace with whitespace kept. Long text is clipped
// to the first CLIP_LINES lines until "show all": a 50k-line tool output must not cost every render.
import { useState } from "react";
import { countLines } from "../format";

const CLIP_LINES = 40;
/** One 2 MB line (minified JSON) is as heavy as many lines: clip by characters too. */
const CLIP_CHARS = 8_000;

/** The clipped prefix of `text`, or null when it is short enough to show whole. */
export function clipText(text: string): string | null {
  let end = -1;
  for (let line = 0; line < CLIP_LINES; line++) {
    end = text.indexOf("\n", end + 1);
    if (end === -1) break;
  }
  const cut = Math.min(end === -1 ? text.length : end, CLIP_CHARS);
  return cut < text.length ? text.slice(0, cut) : null;
}

export const CODE_CLASS =
  "max-w-full overflow-x-auto rounded border border-zinc-200 bg-zinc-50 p-2 font-mono text-xs leading-relaxed whitespace-pre-wrap [overflow-wrap:anywhere] dark:border-zinc-800 dark:bg-zinc-900";

export function CodeBlock({ text, testId, label }: { text: string; testId?: string; label?: string }) {
  const [showAll, setShowAll] = useState(false);
  const clipped = showAll ? null : clipText(text);
  return (
    <div>
      <pre data-testid={testId} aria-label={label} className={CODE_CLASS}>
        {clipped ?? text}
      </pre>
      {clipped !== null && (
        <button
          type="button"
          onClick={() => setShowAll(true)}
          className="mt-1 text-xs text-blue-700 hover:underline dark:text-blue-400"
        >
          show all ({countLines(text)} lines, {text.length.toLocaleString()} characters)
        </button>
      )}
    </div>
  );
}
