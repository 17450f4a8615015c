// Secret redaction for exports: finds credentials in free text and replaces each with `[REDACTED:<kind>]`.
// Owns the scan and the API; what counts as a secret is in token-rules.ts and context-rules.ts.
import { BLOCK_RULES, CONTEXT_RULES } from "./context-rules";
import type { Candidate, Rule } from "./rule";
import { TOKEN_RULES } from "./token-rules";

export interface RedactionResult {
  text: string;
  /** Secrets replaced. */
  count: number;
  /** Secrets replaced per kind. */
  kinds: Record<string, number>;
}

/**
 * Priority order: when two matches overlap, the earlier rule wins. Whole PEM blocks come first (their bodies
 * may contain token-like runs), then vendor formats (exact kinds), then context rules, the generic
 * `password=` rule last.
 */
const RULES: readonly Rule[] = [...BLOCK_RULES, ...TOKEN_RULES, ...CONTEXT_RULES];

interface TriggerEntry {
  trigger: string;
  caseless: boolean;
  rules: { rule: Rule; priority: number }[];
}

/** Trigger entries keyed by their first two characters, lower-cased. */
const TRIGGERS = new Map<string, TriggerEntry[]>();
for (const [priority, rule] of RULES.entries()) {
  for (const trigger of rule.triggers) {
    const key = trigger.slice(0, 2).toLowerCase();
    const entries = TRIGGERS.get(key) ?? [];
    let entry = entries.find((e) => e.trigger === trigger && e.caseless === (rule.caseless ?? false));
    if (!entry) {
      entry = { trigger, caseless: rule.caseless ?? false, rules: [] };
      entries.push(entry);
    }
    entry.rules.push({ rule, priority });
    TRIGGERS.set(key, entries);
  }
}

/**
 * The pre-check: one regex over every trigger, so text without candidates costs a single pass, and rules run
 * only where a trigger stands. Caseless triggers are spelled `[pP][aA]…` because Node 20 has no `(?i:…)`.
 */
const TRIGGER_RE = new RegExp(
  [...TRIGGERS.values()]
    .flat()
    .map((e) => (e.caseless ? caselessSource(e.trigger) : escapeRegExp(e.trigger)))
    .sort((a, b) => b.length - a.length)
    .join("|"),
  "g",
);

const REDACTED_PREFIX = "[REDACTED:";

interface Span {
  start: number;
  end: number;
  kind: string;
  priority: number;
}

/** Passes over one text at most (see redactSecrets); in the property tests a second pass was enough. */
const MAX_PASSES = 4;

/**
 * Redacts until nothing is left to redact. One pass is not always enough: a rule can refuse a run that goes on
 * into another secret (`Bearer abc…password=sk-…`: the token's end is not a token boundary), and once that
 * other secret is replaced the run ends at its marker and the first rule takes it.
 */
export function redactSecrets(text: string): RedactionResult {
  let result = redactPass(text);
  for (let pass = 1; pass < MAX_PASSES && result.count > 0; pass++) {
    const next = redactPass(result.text);
    if (next.count === 0) break;
    for (const [kind, n] of Object.entries(next.kinds)) result.kinds[kind] = (result.kinds[kind] ?? 0) + n;
    result = { text: next.text, count: result.count + next.count, kinds: result.kinds };
  }
  return result;
}

function redactPass(text: string): RedactionResult {
  const spans = findCandidates(text);
  if (spans.length === 0) return { text, count: 0, kinds: {} };
  const accepted = resolveOverlaps(spans, text.length);
  const kinds: Record<string, number> = {};
  let out = "";
  let last = 0;
  for (const span of accepted) {
    out += text.slice(last, span.start) + `${REDACTED_PREFIX}${span.kind}]`;
    last = span.end;
    kinds[span.kind] = (kinds[span.kind] ?? 0) + 1;
  }
  return { text: out + text.slice(last), count: accepted.length, kinds };
}

/** For streaming exports: redacts record after record and keeps the totals for the export's summary. */
export function createRedactionCounter(): {
  redact(text: string | null): string | null;
  total(): number;
  byKind(): Record<string, number>;
} {
  let total = 0;
  const kinds: Record<string, number> = {};
  return {
    redact(text) {
      if (text === null) return null;
      const result = redactSecrets(text);
      total += result.count;
      for (const [kind, n] of Object.entries(result.kinds)) kinds[kind] = (kinds[kind] ?? 0) + n;
      return result.text;
    },
    total: () => total,
    byKind: () => ({ ...kinds }),
  };
}

function findCandidates(text: string): Span[] {
  const spans: Span[] = [];
  TRIGGER_RE.lastIndex = 0;
  for (let hit = TRIGGER_RE.exec(text); hit !== null; hit = TRIGGER_RE.exec(text)) {
    const at = hit.index;
    // Triggers overlap ("--" then "password" two characters later): resume right after this one's start.
    TRIGGER_RE.lastIndex = at + 1;
    for (const entry of TRIGGERS.get(text.slice(at, at + 2).toLowerCase()) ?? []) {
      if (!startsWithTrigger(text, at, entry)) continue;
      for (const { rule, priority } of entry.rules) {
        const span = tryRule(rule, text, at);
        if (span) spans.push({ ...span, priority });
      }
    }
  }
  return spans;
}

function startsWithTrigger(text: string, at: number, entry: TriggerEntry): boolean {
  if (!entry.caseless) return text.startsWith(entry.trigger, at);
  return text.slice(at, at + entry.trigger.length).toLowerCase() === entry.trigger.toLowerCase();
}

function tryRule(rule: Rule, text: string, at: number): Omit<Span, "priority"> | null {
  const from = at - (rule.lookback ?? 0);
  if (from < 0) return null;
  rule.pattern.lastIndex = from;
  const match = rule.pattern.exec(text);
  if (!match) return null;
  // The secret is the first capture group that took part (alternatives each have their own), else the match.
  let [start, end] = [match.index, match.index + match[0].length];
  const groups = match.indices ?? [];
  for (let g = 1; g < groups.length; g++) {
    const range = groups[g];
    if (range) {
      [start, end] = range;
      break;
    }
  }
  const secret = text.slice(start, end);
  if (secret.length === 0 || secret.includes(REDACTED_PREFIX)) return null; // idempotence
  const candidate: Candidate = { text, secret, start, end, match };
  const verdict = rule.check ? rule.check(candidate) : true;
  if (verdict === false) return null;
  return { start, end, kind: verdict === true ? rule.kind : verdict };
}

/** Keeps the best non-overlapping spans (rule priority, then position) and returns them in text order. */
function resolveOverlaps(spans: Span[], length: number): Span[] {
  if (spans.length === 1) return spans;
  spans.sort((a, b) => a.priority - b.priority || a.start - b.start);
  // Marking claimed characters keeps this linear however many candidates a hostile text produces.
  const claimed = new Uint8Array(length);
  const accepted: Span[] = [];
  for (const span of spans) {
    if (claimed.subarray(span.start, span.end).includes(1)) continue;
    claimed.fill(1, span.start, span.end);
    accepted.push(span);
  }
  return accepted.sort((a, b) => a.start - b.start);
}

function escapeRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}

function caselessSource(literal: string): string {
  return [...literal]
    .map((ch) => (/[a-z]/i.test(ch) ? `[${ch.toLowerCase()}${ch.toUpperCase()}]` : escapeRegExp(ch)))
    .join("");
}
