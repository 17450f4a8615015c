// A session's totals as a running fold over its turns in order, stored with each turn (`turns.totals`): the
// session row is the last turn's totals, and an incremental build continues from the last turn it keeps, so
// no build re-reads every turn. The fold is the one definition, for full and incremental builds alike
// (sums in turn order, as floats must be added in the same order to be equal).
import type { TurnData } from "./types";

export interface SessionTotals {
  turns: number;
  toolCalls: number;
  toolFailures: number;
  apiErrors: number;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  reasoningTokens: number;
  /** Sum of the turns' stated costs; null while none stated one. */
  costUsd: number | null;
  /** Turns with a logged answer (signals' `answersLogged` is "more than none"). */
  answers: number;
  /** Whether a turn so far has a prompt (the first one is the session's title). */
  titled: boolean;
  /** Distinct models in order of first use. */
  models: string[];
  /** Earliest turn start, latest turn end (or start). */
  startedAt: number | null;
  endedAt: number | null;
}

export const NO_TOTALS: SessionTotals = {
  turns: 0,
  toolCalls: 0,
  toolFailures: 0,
  apiErrors: 0,
  inputTokens: 0,
  outputTokens: 0,
  cachedInputTokens: 0,
  reasoningTokens: 0,
  costUsd: null,
  answers: 0,
  titled: false,
  models: [],
  startedAt: null,
  endedAt: null,
};

const minOf = (a: number | null, b: number | null): number | null =>
  a === null ? b : b === null ? a : Math.min(a, b);
const maxOf = (a: number | null, b: number | null): number | null =>
  a === null ? b : b === null ? a : Math.max(a, b);

export function addTurn(totals: SessionTotals, turn: TurnData): SessionTotals {
  const failures = turn.tool_calls.filter((call) => call.success === false).length;
  return {
    turns: totals.turns + 1,
    toolCalls: totals.toolCalls + turn.tool_calls.length,
    toolFailures: totals.toolFailures + failures,
    apiErrors: totals.apiErrors + turn.api_errors,
    inputTokens: totals.inputTokens + turn.input_tokens,
    outputTokens: totals.outputTokens + turn.output_tokens,
    cachedInputTokens: totals.cachedInputTokens + turn.cached_input_tokens,
    reasoningTokens: totals.reasoningTokens + turn.reasoning_tokens,
    costUsd:
      turn.cost_usd === null
        ? totals.costUsd
        : totals.costUsd === null
          ? turn.cost_usd
          : totals.costUsd + turn.cost_usd,
    answers: totals.answers + (turn.response !== null ? 1 : 0),
    titled: totals.titled || Boolean(turn.prompt),
    models:
      turn.model !== null && !totals.models.includes(turn.model)
        ? [...totals.models, turn.model]
        : totals.models,
    startedAt: minOf(totals.startedAt, turn.started_at),
    endedAt: maxOf(totals.endedAt, turn.ended_at ?? turn.started_at),
  };
}

/** The running totals after each turn, starting from `from`. */
export function runningTotals(turns: readonly TurnData[], from: SessionTotals = NO_TOTALS): SessionTotals[] {
  const out: SessionTotals[] = [];
  let totals = from;
  for (const turn of turns) {
    totals = addTurn(totals, turn);
    out.push(totals);
  }
  return out;
}

/** The session title: the first prompt, cut for the list. */
export const titleOf = (turns: readonly TurnData[]): string | null =>
  turns.find((turn) => turn.prompt)?.prompt?.slice(0, 300) ?? null;
