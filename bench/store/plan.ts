// The generated stores, as lines in arrival order: sessions spread evenly over the last 365 days, most of
// them Claude-Code-like sessions of the bench corpus (three models, searchable prompts, a failed tool call in
// every 10th), every `fixtureEvery`-th one a real capture of another scenario or client.
import { randomUUID } from "node:crypto";
import { Corpus } from "../scale/corpus";
import { loadScenarios } from "./scenarios";
import { instantiate, sessionTemplate, type GeneratedLine, type SessionTemplate } from "./templates";

export interface StorePlan {
  sessions: number;
  /** Mean turns of the corpus sessions (they vary by ±TURN_SPREAD; the captures add their own few). */
  meanTurns: number;
  /** Every n-th session is a capture instance (0: none). */
  fixtureEvery: number;
}

const YEAR_MS = 365 * 86_400_000;
const TURN_SPREAD = 2;
/** Distinct corpus sessions to instantiate from: 100 covers the corpus' 1-in-100 rare word, the 1-in-10
 * failing session and the three models. */
const CORPUS_TEMPLATES = 100;
/** The OTel JS exporter's user agent (Claude Code exports with it). */
const CORPUS_USER_AGENT = "OTel-OTLP-Exporter-JavaScript/0.57.2";

function corpusTemplates(meanTurns: number): SessionTemplate[] {
  const corpus = new Corpus(Date.now());
  return Array.from({ length: CORPUS_TEMPLATES }, (_, index) => {
    const spread = meanTurns > TURN_SPREAD ? (index % (2 * TURN_SPREAD + 1)) - TURN_SPREAD : 0;
    const turns = Math.max(1, meanTurns + spread);
    const body = corpus.body({ id: randomUUID(), index, turns }, 0, turns);
    return sessionTemplate(
      `corpus-${index}`,
      [{ signal: "logs", body, userAgent: CORPUS_USER_AGENT }],
      Date.now(),
    );
  });
}

export interface Store {
  lines: () => Generator<GeneratedLine>;
  /** Records the generator will produce (for the reindex rate before the index counts them). */
  records: number;
}

export function planStore(plan: StorePlan, endMs = Date.now()): Store {
  const spacing = Math.floor(YEAR_MS / plan.sessions);
  const baseMs = endMs - YEAR_MS;
  const corpus = corpusTemplates(plan.meanTurns);
  const scenarios = plan.fixtureEvery > 0 ? loadScenarios() : [];
  const templateOf = (index: number): SessionTemplate =>
    scenarios.length > 0 && index % plan.fixtureEvery === plan.fixtureEvery - 1
      ? scenarios[Math.floor(index / plan.fixtureEvery) % scenarios.length]!
      : corpus[index % corpus.length]!;
  let records = 0;
  for (let index = 0; index < plan.sessions; index++) records += templateOf(index).records;
  return {
    records,
    lines: function* () {
      for (let index = 0; index < plan.sessions; index++)
        yield* instantiate(templateOf(index), baseMs + index * spacing);
    },
  };
}
