// The reason vocabulary shared by the server and the browser: the Reason shape, the default set, and the
// rules a reason list must follow. Pure and browser-safe: imports nothing.

/** A reason tag a person attaches to a turn (keys 1–9 toggle the first nine). */
export interface Reason {
  /** Stable id stored with labels and exported (kebab-case). */
  id: string;
  /** What the UI shows. */
  title: string;
  /** Which side of the label it explains: counted as a "bad reason" in the Overview when `bad`. */
  polarity: "good" | "bad";
}

export const REASON_POLARITIES = ["good", "bad"] as const;
export const REASON_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;
export const MAX_REASONS = 20;
/** Keys 1–9 reach the first nine reasons of the vocabulary. */
export const REASON_KEY_COUNT = 9;
export const MAX_CORRECTION_LENGTH = 100_000;

export const DEFAULT_REASONS: readonly Reason[] = Object.freeze([
  { id: "wrong-approach", title: "wrong approach", polarity: "bad" },
  { id: "broke-something", title: "broke something", polarity: "bad" },
  { id: "hallucinated", title: "hallucinated", polarity: "bad" },
  { id: "ignored-instructions", title: "ignored instructions", polarity: "bad" },
  { id: "too-many-steps", title: "too many steps", polarity: "bad" },
  { id: "unsafe-action", title: "unsafe action", polarity: "bad" },
  { id: "incomplete", title: "incomplete", polarity: "bad" },
  { id: "great-solution", title: "great solution", polarity: "good" },
  { id: "good-explanation", title: "good explanation", polarity: "good" },
]);

/** The reason on key `digit` (1-based), if the vocabulary has one there. */
export function reasonForKey(reasons: readonly Reason[], digit: number): Reason | undefined {
  return digit >= 1 && digit <= REASON_KEY_COUNT ? reasons[digit - 1] : undefined;
}

/** `current` with `id` added (at the end) or removed. */
export function toggleReason(current: readonly string[], id: string): string[] {
  return current.includes(id) ? current.filter((value) => value !== id) : [...current, id];
}
