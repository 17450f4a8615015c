// The labelling vocabulary shared by server and browser: label values, the list's label states, the label
// view the API serves and the change it accepts. Pure and import-free, so db/, lib/ and components/ share it.

export const LABEL_VALUES = ["good", "bad"] as const;
/** A verdict on a turn or a session. */
export type LabelValue = (typeof LABEL_VALUES)[number];
/** A stored label: a verdict, or none (cleared, or only a note). */
export type Label = LabelValue | null;

export const LABEL_TARGET_TYPES = ["turn", "session"] as const;
export type LabelTargetType = (typeof LABEL_TARGET_TYPES)[number];

/**
 * How far a session's turns are labeled by the person asking: the list's `label_state` filter (docs/api.md);
 * `others-not-me`: a turn someone else labeled and the person has not (docs/team.md "People").
 */
export const LABEL_STATES = ["unlabeled", "partly", "done", "has-bad", "others-not-me"] as const;
export type LabelState = (typeof LABEL_STATES)[number];

/** Which turns an export takes by label (docs/export-format.md). */
export const LABEL_FILTERS = ["good", "bad", "labeled", "all"] as const;
export type LabelFilter = (typeof LABEL_FILTERS)[number];

export interface LabelView {
  label: Label;
  note: string;
  /** Reason ids (lib/shared/reasons.ts), in the order they were attached. */
  reasons: string[];
  /** The person's corrected final answer; null when none. */
  correction: string | null;
  labeled_by: string | null;
  labeled_at: string | null;
  version: number;
}

export const EMPTY_LABEL: LabelView = {
  label: null,
  note: "",
  reasons: [],
  correction: null,
  labeled_by: null,
  labeled_at: null,
  version: 0,
};

/** A change of any of label, note, reasons, correction; a field left out keeps its stored value. */
export interface LabelChange {
  label?: Label;
  note?: string;
  reasons?: string[];
  correction?: string | null;
}

export type SavedLabel = LabelView & { session_id: string };

/**
 * Whose labels an export takes besides one person's name (docs/export-format.md "Annotators"): the majority
 * verdict (a tie is no verdict), `bad` when anyone said bad, or every person's label as its own line.
 */
export const ANNOTATOR_RULES = ["majority", "any-bad", "all"] as const;
export type AnnotatorRule = (typeof ANNOTATOR_RULES)[number];

/** One other person's label on a turn (`TurnView.labels_by`, docs/api.md "People"). */
export interface LabelByView {
  author: string;
  label: Label;
  reasons: string[];
  note: string;
  correction: string | null;
  at: string | null;
}
