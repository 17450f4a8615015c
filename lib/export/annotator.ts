// Whose labels an export takes (docs/export-format.md "Annotators"): the `annotator` option as the filter
// reads it, its check against the people who have labels, and the sentence the dataset card says it with.
import type { ExportFilter } from "@/db/queries/export-rows";
import { listLabelAuthors } from "@/db/queries/labels";
import type { Store } from "@/db/store";
import { AppError } from "@/lib/errors";
import { ANNOTATOR_RULES, type AnnotatorRule } from "@/lib/shared/labels";

const isRule = (value: string): value is AnnotatorRule =>
  (ANNOTATOR_RULES as readonly string[]).includes(value);

export function toAnnotatorFilter(annotator: string | undefined): ExportFilter["annotator"] {
  if (annotator === undefined) return undefined;
  return isRule(annotator) ? { rule: annotator } : { person: annotator };
}

/** An explicitly named person must have labels (a typo would otherwise export an unlabeled dataset). */
export async function checkAnnotator(store: Store, annotator: string | undefined): Promise<void> {
  if (annotator === undefined || isRule(annotator)) return;
  const authors = (await listLabelAuthors({ store })).map((row) => row.author);
  if (authors.includes(annotator)) return;
  const known = authors.length > 0 ? `people with labels: ${authors.join(", ")}` : "nobody has labels yet";
  throw new AppError(
    "bad-request",
    `annotator: ${JSON.stringify(annotator.slice(0, 80))} has no labels (${known}; or ${ANNOTATOR_RULES.join(", ")})`,
  );
}

/** The card's sentence on whose labels the rows carry. */
export function describeAnnotator(annotator: unknown): string {
  if (annotator === "majority")
    return "the **majority** verdict of the people who labeled each turn (a tie counts as no label)";
  if (annotator === "any-bad")
    return "**any-bad**: `bad` when anyone labeled the turn bad, else `good` if anyone said good";
  if (annotator === "all")
    return "**all** people's labels, one row per turn and person (`labeled_by` names them)";
  if (typeof annotator === "string") return `the labels of one person, **${annotator}**`;
  return "every label row in the store";
}
