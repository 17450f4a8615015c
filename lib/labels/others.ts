// Every person's labels on a set of turns, split for one viewer: their own label (TurnView.label, as before
// there were people) and the others' (TurnView.labels_by), with the disagreement flag (docs/api.md "People").
import { listAllLabelsByTargets, type LabelRow, type LabelTarget } from "@/db/queries/labels";
import type { Store } from "@/db/store";
import type { LabelByView } from "@/lib/shared/labels";

export interface PeopleLabels {
  mine: Map<string, LabelRow>;
  others: Map<string, LabelByView[]>;
  /** Targets whose people gave different verdicts (the viewer included). */
  disagreements: Set<string>;
}

const toLabelByView = (row: LabelRow): LabelByView => ({
  author: row.labeledBy,
  label: row.label,
  reasons: row.reasons,
  note: row.note,
  correction: row.correction,
  at: new Date(row.labeledAt).toISOString(),
});

export async function readPeopleLabels(options: {
  store: Store;
  targetType: LabelTarget;
  targetIds: string[];
  /** Absent: one person's store; every label is "mine" (the latest change per target). */
  viewer: string | undefined;
}): Promise<PeopleLabels> {
  const result: PeopleLabels = { mine: new Map(), others: new Map(), disagreements: new Set() };
  const verdicts = new Map<string, Set<string>>();
  for (const row of await listAllLabelsByTargets(options)) {
    if (row.label !== null) {
      const seen = verdicts.get(row.targetId) ?? new Set<string>();
      verdicts.set(row.targetId, seen.add(row.label));
      if (seen.size > 1) result.disagreements.add(row.targetId);
    }
    if (options.viewer === undefined || row.labeledBy === options.viewer) result.mine.set(row.targetId, row);
    else result.others.set(row.targetId, [...(result.others.get(row.targetId) ?? []), toLabelByView(row)]);
  }
  return result;
}
