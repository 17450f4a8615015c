// The Overview's "bad reasons" panel data: turns tagged with each bad-polarity reason of the vocabulary, by
// client, model and tool, most turns first. SQL counts every reason; this keeps the bad ones and names them.
import type { ReasonSplitRow } from "@/db/queries/overview-labels";
import type { Reason } from "@/lib/shared/reasons";
import type { ReasonCount } from "./types";

export function toBadReasons(rows: ReasonSplitRow[], vocabulary: readonly Reason[]): ReasonCount[] {
  const bad = new Map(
    vocabulary.filter((reason) => reason.polarity === "bad").map((reason) => [reason.id, reason.title]),
  );
  return rows
    .filter((row) => bad.has(row.reason))
    .map((row) => ({
      dimension: row.dimension,
      value: row.value,
      reason: row.reason,
      title: bad.get(row.reason)!,
      turns: row.turns,
    }))
    .sort(
      (a, b) =>
        b.turns - a.turns ||
        a.reason.localeCompare(b.reason) ||
        a.dimension.localeCompare(b.dimension) ||
        (a.value ?? "").localeCompare(b.value ?? ""),
    );
}
