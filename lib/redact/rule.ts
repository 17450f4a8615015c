// The shape of one redaction rule and the small regex vocabulary the rule tables share.
// Owns no rules itself: vendor formats live in token-rules.ts, context-dependent ones in context-rules.ts.

/** What a rule's check sees: the secret span inside the whole text, and the regex match that found it. */
export interface Candidate {
  text: string;
  /** The secret itself (capture group 1..n, the first that matched; the whole match when there is none). */
  secret: string;
  start: number;
  end: number;
  match: RegExpExecArray;
}

/** false rejects a look-alike; true keeps the rule's kind; a string replaces it (e.g. a URL password in a DSN). */
export type Verdict = boolean | string;

export interface Rule {
  /** Default kind, kebab-case; the replacement is `[REDACTED:<kind>]`. */
  kind: string;
  /**
   * Literals a match starts with (at `lookback` characters before it, when set). Every trigger feeds one combined
   * scan over the text, so a text holding none of them costs a single regex pass.
   */
  triggers: readonly string[];
  /** Triggers match in any letter case (keys such as `Password`, headers such as `bearer`). */
  caseless?: boolean;
  /** Sticky (`y`) and with indices (`d`): tried only at trigger positions, never scanned across the text. */
  pattern: RegExp;
  /** How many characters before the trigger the match starts (Azure client secrets put 4 characters first). */
  lookback?: number;
  check?: (c: Candidate) => Verdict;
}

/**
 * Builds a rule pattern: sticky so it is tried at one position, `d` so the secret's capture group has indices.
 * Every pattern must be linear: bodies are runs of one class closed by a lookahead on that same class, and
 * bounded `{m,n}` wherever two parts could trade characters, so a failed attempt costs at most its bound.
 */
export function sticky(source: string, caseless = false): RegExp {
  return new RegExp(source, caseless ? "dyi" : "dy");
}

/** Left edge of a token: not glued to a longer identifier, so `mask_ghp_...` or `task-sk-...` don't count. */
export const EDGE = "(?<![A-Za-z0-9_\\-])";
/** Right edge of a token whose alphabet is letters, digits, `_` and `-`. */
export const END = "(?![A-Za-z0-9_\\-])";
/** Quotes around keys and values, also when the text is JSON inside a JSON string (`\"password\"`). */
export const QUOTE = `\\\\{0,2}["'\`]`;
