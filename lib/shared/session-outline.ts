// The session page's wire shapes beside the full detail (docs/api.md "GET /api/sessions/{id}?view=outline"):
// a light outline of every turn (sent as columns, read back into one object per turn here), full turns by
// position range, and find's matching turn ids.
import { EMPTY_LABEL, type LabelView } from "./labels";
import type { SignalKind } from "./signals";
import type { SessionDetail, TurnView } from "./views";

/** One turn as the outline has it: what the turn list, keys, labels, signals and height estimate need. */
export interface TurnOutline {
  id: string;
  index: number;
  started_at: string | null;
  ended_at: string | null;
  model: string | null;
  /** The prompt's first characters (lib: PROMPT_PREVIEW_CHARS); null when not logged. */
  prompt_preview: string | null;
  prompt_redacted: boolean;
  tool_calls: number;
  api_calls: number;
  signals: SignalKind[];
  label: LabelView;
}

/** Full turns at positions [from, to) of the session's turn order (`total` turns in all). */
export interface TurnRange {
  from: number;
  to: number;
  total: number;
  turns: TurnView[];
}

/**
 * The outline as sent: one array per field, position i being the session's i-th turn, so 10,000 turns do not
 * repeat every key 10,000 times. Times are milliseconds since the epoch, models indexes into `models`, and
 * what most turns lack is sparse by position: `redacted` (positions), `signals` and `labels` (only turns with
 * a label or note; the rest have EMPTY_LABEL).
 */
export interface OutlineColumns {
  ids: string[];
  index: number[];
  started_at: (number | null)[];
  ended_at: (number | null)[];
  models: string[];
  model: (number | null)[];
  prompt_preview: (string | null)[];
  redacted: number[];
  tool_calls: number[];
  api_calls: number[];
  signals: Record<string, SignalKind[]>;
  labels: Record<string, LabelView>;
}

/** GET /api/sessions/{id}?view=outline[&turn=<id>] as sent: the header, every turn's outline (columns), and a
 * window of full turns around `turn` (or from the first). */
export interface SessionOutlineWire {
  session: SessionDetail["session"];
  outline: OutlineColumns;
  window: TurnRange;
}

/** The same, the outline read back into one object per turn (what the page works with). */
export interface SessionOutline {
  session: SessionDetail["session"];
  outline: TurnOutline[];
  window: TurnRange;
}

/** Is this label worth sending (anything a person set)? Empty ones are left out of `labels`. */
const isSet = (label: LabelView): boolean =>
  label.version !== 0 ||
  label.label !== null ||
  label.note !== "" ||
  label.reasons.length > 0 ||
  label.correction !== null ||
  label.labeled_by !== null ||
  label.labeled_at !== null;

const msOf = (iso: string | null): number | null => (iso === null ? null : Date.parse(iso));
const isoOf = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function toOutlineColumns(turns: readonly TurnOutline[]): OutlineColumns {
  const models: string[] = [];
  const modelIndex = new Map<string, number>();
  const columns: OutlineColumns = {
    ids: [],
    index: [],
    started_at: [],
    ended_at: [],
    models,
    model: [],
    prompt_preview: [],
    redacted: [],
    tool_calls: [],
    api_calls: [],
    signals: {},
    labels: {},
  };
  turns.forEach((turn, at) => {
    columns.ids.push(turn.id);
    columns.index.push(turn.index);
    columns.started_at.push(msOf(turn.started_at));
    columns.ended_at.push(msOf(turn.ended_at));
    let model: number | null = null;
    if (turn.model !== null) {
      model = modelIndex.get(turn.model) ?? models.push(turn.model) - 1;
      modelIndex.set(turn.model, model);
    }
    columns.model.push(model);
    columns.prompt_preview.push(turn.prompt_preview);
    if (turn.prompt_redacted) columns.redacted.push(at);
    columns.tool_calls.push(turn.tool_calls);
    columns.api_calls.push(turn.api_calls);
    if (turn.signals.length > 0) columns.signals[at] = turn.signals;
    if (isSet(turn.label)) columns.labels[at] = turn.label;
  });
  return columns;
}

/** The columns back into one TurnOutline per turn, exactly as toOutlineColumns got them. */
export function fromOutlineColumns(columns: OutlineColumns): TurnOutline[] {
  const redacted = new Set(columns.redacted);
  return columns.ids.map((id, at) => {
    const model = columns.model[at] ?? null;
    return {
      id,
      index: columns.index[at]!,
      started_at: isoOf(columns.started_at[at] ?? null),
      ended_at: isoOf(columns.ended_at[at] ?? null),
      model: model === null ? null : columns.models[model]!,
      prompt_preview: columns.prompt_preview[at] ?? null,
      prompt_redacted: redacted.has(at),
      tool_calls: columns.tool_calls[at]!,
      api_calls: columns.api_calls[at]!,
      signals: columns.signals[at] ?? [],
      label: columns.labels[at] ?? EMPTY_LABEL,
    };
  });
}

export const fromOutlineWire = (wire: SessionOutlineWire): SessionOutline => ({
  ...wire,
  outline: fromOutlineColumns(wire.outline),
});

/** GET /api/sessions/{id}/find?q=: the ids of the turns matching every term, in turn order. */
export interface SessionFind {
  q: string;
  terms: string[];
  turn_ids: string[];
}

/** Most turns one range request may ask for (the route answers 400 beyond it). */
export const MAX_TURN_RANGE = 200;
/** Full turns the outline's window carries: a few screens around the linked turn. */
export const OUTLINE_WINDOW = 40;
