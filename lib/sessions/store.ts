// Turns a built SessionData into index rows (sessions, turns, search text, the Overview's facts) and stores
// it, whole (a full build) or some of its turns (lib/sessions/incremental.ts). Turn ids are derived from the client, the session id and the turn's natural key, so they survive
// restarts and reindex.
import { createHash } from "node:crypto";
import {
  saveExcludedSession,
  saveSessionBuild,
  type OverviewFacts,
  type TurnRows,
} from "@/db/queries/session-builds";
import type { NewSession } from "@/db/schema";
import type { Store } from "@/db/store";
import { triageScore } from "./signals";
import { NO_TOTALS, runningTotals, titleOf, type SessionTotals } from "./totals";
import type { BuildResult, SessionData, TurnData } from "./types";

export function turnIdOf(client: string, sessionId: string, key: string): string {
  return createHash("sha1").update(`${client}\u0000${sessionId}\u0000${key}`).digest("hex").slice(0, 24);
}

function toolText(turn: TurnData): string {
  return turn.tool_calls
    .map((call) => [call.name, call.arguments ?? "", call.output ?? ""].join("\n"))
    .join("\n");
}

/**
 * The Overview's per-turn facts (db/schema.ts `tool_calls`, `api_calls`, `turn_usage`), the one place they
 * are derived from TurnData. TTFT is the adapter's per-turn figure (TurnData.ttft_ms, docs/overview.md).
 */
function overviewFactsOf(
  session: Pick<SessionData, "id" | "client">,
  turns: readonly TurnData[],
): OverviewFacts {
  const facts: OverviewFacts = { toolCalls: [], apiCalls: [], turnUsage: [], signals: [] };
  for (const turn of turns) {
    const turnId = turnIdOf(session.client, session.id, turn.key);
    for (const kind of new Set(turn.signals.map((signal) => signal.kind))) {
      facts.signals.push({ turnId, sessionId: session.id, kind });
    }
    turn.tool_calls.forEach((call, callIndex) => {
      facts.toolCalls.push({
        turnId,
        callIndex,
        sessionId: session.id,
        name: call.name,
        success: call.success === null ? null : Number(call.success),
        durationMs: call.duration_ms,
      });
    });
    turn.api_calls.forEach((call, callIndex) => {
      facts.apiCalls.push({
        turnId,
        callIndex,
        sessionId: session.id,
        model: call.model,
        startedAt: call.started_at,
        durationMs: call.duration_ms,
        statusCode: call.status_code,
        success: Number(call.success),
      });
    });
    facts.turnUsage.push({
      turnId,
      sessionId: session.id,
      model: turn.model,
      startedAt: turn.started_at,
      endedAt: turn.ended_at,
      inputTokens: turn.input_tokens,
      outputTokens: turn.output_tokens,
      cachedInputTokens: turn.cached_input_tokens,
      reasoningTokens: turn.reasoning_tokens,
      costUsd: turn.cost_usd,
      apiErrors: turn.api_errors,
      ttftMs: turn.ttft_ms,
    });
  }
  return facts;
}

/** A session's row from its running totals (lib/sessions/totals.ts) and what the build says of it. */
export function sessionRowOf(
  session: Pick<SessionData, "id" | "client" | "client_version" | "service_name" | "started_at" | "ended_at">,
  totals: SessionTotals,
  title: string | null,
): NewSession {
  return {
    id: session.id,
    client: session.client,
    clientVersion: session.client_version,
    serviceName: session.service_name,
    startedAt: session.started_at,
    endedAt: session.ended_at,
    models: JSON.stringify(totals.models),
    title,
    turnCount: totals.turns,
    toolCallCount: totals.toolCalls,
    toolFailureCount: totals.toolFailures,
    apiErrorCount: totals.apiErrors,
    inputTokens: totals.inputTokens,
    outputTokens: totals.outputTokens,
    cachedInputTokens: totals.cachedInputTokens,
    reasoningTokens: totals.reasoningTokens,
    costUsd: totals.costUsd,
    updatedAt: Date.now(),
  };
}

/** The stored rows of some turns of a session: `totals[i]` are the session's totals through `turns[i]`. */
export function turnRowsOf(
  session: Pick<SessionData, "id" | "client">,
  turns: readonly TurnData[],
  totals: readonly SessionTotals[],
  promptNs: ReadonlyMap<string, string>,
): TurnRows {
  return {
    turns: turns.map((turn, i) => ({
      id: turnIdOf(session.client, session.id, turn.key),
      sessionId: session.id,
      index: turn.index,
      key: turn.key,
      model: turn.model,
      startedAt: turn.started_at,
      endedAt: turn.ended_at,
      hasError: turn.api_errors > 0 || turn.tool_calls.some((call) => call.success === false),
      hasToolFailure: turn.tool_calls.some((call) => call.success === false),
      triageScore: triageScore(turn.signals),
      data: JSON.stringify(turn),
      promptNs: promptNs.get(turn.key) ?? null,
      totals: JSON.stringify(totals[i]),
    })),
    search: turns.map((turn) => ({
      turnId: turnIdOf(session.client, session.id, turn.key),
      prompt: turn.prompt ?? "",
      response: turn.response ?? "",
      tools: toolText(turn),
    })),
    facts: overviewFactsOf(session, turns),
  };
}

/** A full build: the session's row and all its turns replace what was stored. */
export function saveSession(
  store: Store,
  session: SessionData,
  promptNs: ReadonlyMap<string, string>,
): Promise<void> {
  const totals = runningTotals(session.turns);
  return saveSessionBuild({
    store,
    session: sessionRowOf(session, totals[totals.length - 1] ?? NO_TOTALS, titleOf(session.turns)),
    ...turnRowsOf(session, session.turns, totals, promptNs),
  });
}

export function saveBuildResult(
  store: Store,
  result: BuildResult,
  promptNs: ReadonlyMap<string, string> = new Map(),
): Promise<void> {
  if (result.kind === "session") return saveSession(store, result.session, promptNs);
  return saveExcludedSession({ store, id: result.id, reason: result.reason });
}
