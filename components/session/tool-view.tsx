"use client";
// A tool call read as what it did (lib/adapters/tool-views.ts): a file edit as a unified diff with added
// and removed lines (diffed by the `diff` library), a shell command with its exit code and output.
import { structuredPatch } from "diff";
import { useMemo, useState } from "react";
import type { ToolView } from "@/lib/sessions/types";
import { CodeBlock, CODE_CLASS } from "./code-block";

/** Diffs longer than this collapse behind "show all", like long outputs. */
const DIFF_LINES = 40;

type DiffLine = { sign: "+" | "-" | " " | "@"; text: string };

function editLines(before: string, after: string): DiffLine[] {
  const patch = structuredPatch("a", "b", before, after, "", "", { context: 3 });
  return patch.hunks.flatMap((hunk) => [
    {
      sign: "@" as const,
      text: `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`,
    },
    ...hunk.lines
      .filter((line) => !line.startsWith("\\")) // "\ No newline at end of file"
      .map((line) => ({ sign: line[0] as DiffLine["sign"], text: line.slice(1) })),
  ]);
}

/** A patch the client sent as text: its lines keep their own +/- marks. */
function patchLines(patch: string): DiffLine[] {
  return patch.split("\n").map((line): DiffLine => {
    if (line.startsWith("@@") || line.startsWith("***")) return { sign: "@", text: line };
    if (line.startsWith("+") || line.startsWith("-"))
      return { sign: line[0] as "+" | "-", text: line.slice(1) };
    return { sign: " ", text: line.startsWith(" ") ? line.slice(1) : line };
  });
}

const LINE_CLASS: Record<DiffLine["sign"], string> = {
  "+": "bg-emerald-50 text-emerald-900 dark:bg-emerald-950/50 dark:text-emerald-200",
  "-": "bg-red-50 text-red-900 dark:bg-red-950/50 dark:text-red-200",
  " ": "",
  "@": "text-zinc-500",
};
const LINE_TEST_ID: Partial<Record<DiffLine["sign"], string>> = { "+": "diff-added", "-": "diff-removed" };

function Diff({ path, lines }: { path: string | null; lines: DiffLine[] }) {
  const [all, setAll] = useState(false);
  const shown = all ? lines : lines.slice(0, DIFF_LINES);
  const added = lines.filter((line) => line.sign === "+").length;
  const removed = lines.filter((line) => line.sign === "-").length;
  return (
    <div data-testid="tool-diff" className="mt-1">
      <div className="text-xs text-zinc-600 dark:text-zinc-400">
        <span className="font-mono [overflow-wrap:anywhere]">{path ?? "file"}</span>
        <span className="ml-2 text-emerald-700 dark:text-emerald-400">+{added}</span>
        <span className="ml-1 text-red-700 dark:text-red-400">−{removed}</span>
      </div>
      <pre className={CODE_CLASS} aria-label={`diff of ${path ?? "file"}`}>
        {shown.map((line, i) => (
          <div key={i} data-testid={LINE_TEST_ID[line.sign]} className={LINE_CLASS[line.sign]}>
            <span aria-hidden="true" className="inline-block w-4 select-none">
              {line.sign === "@" ? "" : line.sign}
            </span>
            {line.text}
          </div>
        ))}
      </pre>
      {shown.length < lines.length && (
        <button
          type="button"
          onClick={() => setAll(true)}
          className="mt-1 text-xs text-blue-700 hover:underline dark:text-blue-400"
        >
          show all ({lines.length} lines)
        </button>
      )}
    </div>
  );
}

export function ToolViewBody({ view, name }: { view: ToolView; name: string }) {
  const lines = useMemo(
    () =>
      view.kind === "edit"
        ? editLines(view.before, view.after)
        : view.kind === "patch"
          ? patchLines(view.patch)
          : [],
    [view],
  );
  if (view.kind !== "shell") return <Diff path={view.path} lines={lines} />;
  return (
    <div data-testid="tool-shell" className="mt-1">
      <pre className={`${CODE_CLASS} font-semibold`} aria-label={`${name} command`}>
        <span aria-hidden="true" className="select-none text-zinc-500">
          ${" "}
        </span>
        {view.command}
      </pre>
      {view.exit_code !== null && (
        <div
          data-testid="tool-exit-code"
          className={`mt-0.5 font-mono text-xs ${view.exit_code === 0 ? "text-zinc-500" : "font-semibold text-red-700 dark:text-red-400"}`}
        >
          exit code {view.exit_code}
        </div>
      )}
      {view.output !== null && view.output !== "" && (
        <div className="mt-1">
          <CodeBlock text={view.output} testId="tool-output" label={`${name} output`} />
        </div>
      )}
    </div>
  );
}
