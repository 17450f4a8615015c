// "3/7 labeled" with a red mark when any turn is bad: the same reading on the list and in a session header.

export function LabelProgress({ labeled, total, bad, testId }: { labeled: number; total: number; bad: number; testId?: string }) {
  const done = total > 0 && labeled >= total;
  return (
    <span
      data-testid={testId}
      className="inline-flex items-center gap-1 font-mono text-xs tabular-nums"
      title={`${labeled} of ${total} turns labeled${bad > 0 ? `, ${bad} bad` : ""}`}
    >
      <span className={done ? "text-emerald-700 dark:text-emerald-400" : ""}>
        {labeled}/{total}
      </span>
      {bad > 0 && (
        <span className="inline-block h-2 w-2 rounded-full bg-red-600" aria-label={`${bad} bad`} role="img" />
      )}
    </span>
  );
}

export function LabelBadge({ label, testId }: { label: "good" | "bad" | null; testId?: string }) {
  if (label === null) return null;
  const tone =
    label === "good"
      ? "bg-emerald-100 text-emerald-800 ring-emerald-600/30 dark:bg-emerald-950 dark:text-emerald-300"
      : "bg-red-100 text-red-800 ring-red-600/30 dark:bg-red-950 dark:text-red-300";
  return (
    <span data-testid={testId} className={`inline-flex items-center rounded px-1.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${tone}`}>
      {label === "good" ? "✓ good" : "✗ bad"}
    </span>
  );
}

const CLIENT_TONES: Record<string, string> = {
  codex: "bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-300",
  "claude-code": "bg-orange-100 text-orange-800 dark:bg-orange-950 dark:text-orange-300",
  "gemini-cli": "bg-violet-100 text-violet-800 dark:bg-violet-950 dark:text-violet-300",
  "copilot-cli": "bg-zinc-200 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200",
};

export function ClientBadge({ client }: { client: string }) {
  const tone = CLIENT_TONES[client] ?? "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300";
  return <span className={`inline-block rounded px-1.5 py-0.5 font-mono text-xs ${tone}`}>{client}</span>;
}
