// Turns a built SessionData into index rows (sessions, turns, search text, the Overview's facts) and stores
// it. Turn ids are derived from the client, the session id and the turn's natural key, so they survive
// restarts and reindex.
import { createHash } from "node:crypto";
import type { Db } from "@/db/client";
import { saveExcludedSession, saveSessionBuild, type OverviewFacts } from "@/db/queries/sessions";
import { triageScore } from "./signals";
import type { BuildResult, SessionData, TurnData } from "./types";

export function turnIdOf(client: string, sessionId: string, key: string): string {
  return createHash("sha1").update(`${client}\u0000${sessionId}\u0000${key}`).digest("hex").slice(0, 24);
}

const sum = (turns: TurnData[], pick: (turn: TurnData) => number): number =>
  turns.reduce((total, turn) => total + pick(turn), 0);

function toolText(turn: TurnData): string {
  return turn.tool_calls
    .map((call) => [call.name, call.arguments ?? "", call.output ?? ""].join("\n"))
    .join("\n");
}

function costOf(turns: TurnData[]): number | null {
  const costs = turns.map((turn) => turn.cost_usd).filter((cost): cost is number => cost !== null);
  return costs.length > 0 ? costs.reduce((a, b) => a + b, 0) : null;
}

/**
 * The Overview's per-turn facts (db/schema.ts `tool_calls`, `api_calls`, `turn_usage`), the one place they
 * are derived from TurnData. TTFT is the adapter's per-turn figure (TurnData.ttft_ms, docs/overview.md).
 */
function overviewFactsOf(session: SessionData): OverviewFacts {
  const facts: OverviewFacts = { toolCalls: [], apiCalls: [], turnUsage: [], signals: [] };
  for (const turn of session.turns) {
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

export function saveSession(db: Db, session: SessionData): void {
  const { turns } = session;
  saveSessionBuild({
    db,
    session: {
      id: session.id,
      client: session.client,
      clientVersion: session.client_version,
      serviceName: session.service_name,
      startedAt: session.started_at,
      endedAt: session.ended_at,
      models: JSON.stringify(session.models),
      title: turns.find((turn) => turn.prompt)?.prompt?.slice(0, 300) ?? null,
      turnCount: turns.length,
      toolCallCount: sum(turns, (turn) => turn.tool_calls.length),
      toolFailureCount: sum(turns, (turn) => turn.tool_calls.filter((call) => call.success === false).length),
      apiErrorCount: sum(turns, (turn) => turn.api_errors),
      inputTokens: sum(turns, (turn) => turn.input_tokens),
      outputTokens: sum(turns, (turn) => turn.output_tokens),
      cachedInputTokens: sum(turns, (turn) => turn.cached_input_tokens),
      reasoningTokens: sum(turns, (turn) => turn.reasoning_tokens),
      costUsd: costOf(turns),
      updatedAt: Date.now(),
    },
    turns: turns.map((turn) => ({
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
    })),
    search: turns.map((turn) => ({
      turnId: turnIdOf(session.client, session.id, turn.key),
      prompt: turn.prompt ?? "",
      response: turn.response ?? "",
      tools: toolText(turn),
    })),
    facts: overviewFactsOf(session),
  });
}

export function saveBuildResult(db: Db, result: BuildResult): void {
  if (result.kind === "session") saveSession(db, result.session);
  else saveExcludedSession({ db, id: result.id, reason: result.reason });
}
