// The session page's wire shapes beside the full detail (docs/api.md "GET /api/sessions/{id}?view=outline"):
// a light outline of every turn, full turns by position range, and find's matching turn ids. Pure types.
import type { LabelView } from "./labels";
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

/** GET /api/sessions/{id}?view=outline[&turn=<id>]: the header, every turn's outline, and a window of full
 * turns around `turn` (or from the first). */
export interface SessionOutline {
  session: SessionDetail["session"];
  outline: TurnOutline[];
  window: TurnRange;
}

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
