// Small pure helpers every client adapter uses: typed attribute getters, the boolean/number coercions the
// clients need (they log "true" and "58" as strings), decision mapping and nanosecond arithmetic.
import { nsToMs, type AttrValue, type Attrs, type TelemetryRecord } from "@/db/telemetry";
import type { NativeFeedback } from "@/lib/sessions/signals";
import type { Decision } from "@/lib/sessions/types";

/** A non-empty string attribute, else null. */
export function str(attrs: Attrs, key: string): string | null {
  const value = attrs[key];
  return typeof value === "string" && value !== "" ? value : null;
}

/** A number attribute, also when logged as a decimal string ("58"); null when absent or not numeric. */
export function num(attrs: Attrs, key: string): number | null {
  return toNumber(attrs[key]);
}

export function toNumber(value: AttrValue | undefined): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" && value.trim() !== "") {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : null;
  }
  return null;
}

/** README "success as the client reported it (boolean; string "true"/"false" converted)". */
export function bool(attrs: Attrs, key: string): boolean | null {
  const value = attrs[key];
  if (typeof value === "boolean") return value;
  if (value === "true") return true;
  if (value === "false") return false;
  return null;
}

/** README "decision mapped to accept / reject / null": Codex approved* → accept, denied/abort → reject;
 * Claude and Gemini already say accept/reject (Gemini also auto_accept/modify, both of which ran the tool). */
const DECISIONS: Record<string, Decision> = {
  accept: "accept",
  auto_accept: "accept",
  modify: "accept",
  approved: "accept",
  approved_for_session: "accept",
  reject: "reject",
  denied: "reject",
  abort: "reject",
  cancel: "reject",
};

export function toDecision(raw: string | null): Decision {
  if (raw === null) return null;
  const key = raw.toLowerCase();
  return (
    DECISIONS[key] ?? (key.startsWith("approved") ? "accept" : key.startsWith("denied") ? "reject" : null)
  );
}

/** The event name of a log record: the `event.name` attribute wins (Codex's Rust appender sets the OTLP
 * eventName to the generic "event"), else the record name. Spans and metrics: their name. */
export function eventName(record: TelemetryRecord): string {
  if (record.signal === "logs") return str(record.attrs, "event.name") ?? record.name;
  return record.name;
}

/** Compares non-negative decimal nanosecond strings without BigInt (shorter = smaller). */
export function compareNs(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Span end, else the record's own time. */
export function endNs(record: TelemetryRecord): string {
  return record.endTimeNs && record.endTimeNs !== "0" ? record.endTimeNs : record.timeNs;
}

export function startMs(record: TelemetryRecord): number | null {
  return nsToMs(record.timeNs);
}

/** Span duration in ms (null for logs and metrics). */
export function spanDurationMs(record: TelemetryRecord): number | null {
  const start = nsToMs(record.timeNs);
  const end = record.endTimeNs ? nsToMs(record.endTimeNs) : null;
  return start !== null && end !== null ? Math.max(0, round3(end - start)) : null;
}

export function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** JSON.parse that returns undefined instead of throwing (clients log JSON inside string attributes). */
export function parseJson(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** An attribute that is either structured already or a JSON string. */
export function jsonAttr(attrs: Attrs, key: string): unknown {
  const value = attrs[key];
  return typeof value === "string" ? parseJson(value) : value;
}

/** The most frequent value; ties go to the value seen first (callers pass values in time order). */
export function mostCommon(values: (string | null)[]): string | null {
  const counts = new Map<string, number>();
  let best: string | null = null;
  for (const value of values) {
    if (value === null) continue;
    const count = (counts.get(value) ?? 0) + 1;
    counts.set(value, count);
    if (best === null || count > (counts.get(best) ?? 0)) best = value;
  }
  return best;
}

export function sum(values: (number | null)[]): number {
  let total = 0;
  for (const value of values) total += value ?? 0;
  return total;
}

/** Sum, or null when no value was reported at all (cost_usd: "where the client reports it"). */
export function sumOrNull(values: (number | null)[]): number | null {
  return values.some((value) => value !== null) ? round9(sum(values)) : null;
}

function round9(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}

export function groupBy<T>(items: Iterable<T>, keyOf: (item: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === null) continue;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** A 1–3 rating (1 bad, 2 fine, 3 good: Qwen Code and Claude Code both use this scale) as native feedback. */
export function ratingFeedback(
  source: string,
  raw: AttrValue | undefined,
  turnKey: string | null,
): NativeFeedback | null {
  const words: Record<string, number> = { bad: 1, fine: 2, good: 3 };
  const rating =
    typeof raw === "string" && raw.toLowerCase() in words ? words[raw.toLowerCase()]! : toNumber(raw);
  if (rating === null || !Number.isInteger(rating) || rating < 1 || rating > 3) return null; // 0 = dismissed
  return { source, rating, label: rating === 1 ? "bad" : rating === 3 ? "good" : null, turnKey };
}
