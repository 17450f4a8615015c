// "3/7 labeled" with a red mark when any turn is bad: the same reading on the list and in a session header.
import { clientName, clientTone } from "@/lib/shared/clients";
import type { Label } from "@/lib/shared/labels";

export function LabelProgress({
  labeled,
  total,
  bad,
  testId,
}: {
  labeled: number;
  total: number;
  bad: number;
  testId?: string;
}) {
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

export function LabelBadge({ label, testId }: { label: Label; testId?: string }) {
  if (label === null) return null;
  const tone =
    label === "good"
      ? "bg-emerald-100 text-emerald-800 ring-emerald-600/30 dark:bg-emerald-950 dark:text-emerald-300"
      : "bg-red-100 text-red-800 ring-red-600/30 dark:bg-red-950 dark:text-red-300";
  return (
    <span
      data-testid={testId}
      className={`inline-flex items-center rounded px-1.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${tone}`}
    >
      {label === "good" ? "✓ good" : "✗ bad"}
    </span>
  );
}

export function ClientBadge({ client }: { client: string }) {
  return (
    <span
      title={clientName(client)}
      className={`inline-block rounded px-1.5 py-0.5 font-mono text-xs ${clientTone(client)}`}
    >
      {client}
    </span>
  );
}
