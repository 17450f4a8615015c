// Sessions and turns as the API serves them: index rows → the documented JSON shape (docs/api.md).
// The one place where stored rows become wire objects; the UI imports these types.
import type { Db } from "@/db/client";
import { listLabelsByTargets, type LabelRow } from "@/db/queries/labels";
import {
  countSessions,
  getSessionById,
  listSessions,
  listTurnsBySession,
  type SessionFilter,
  type SessionListRow,
} from "@/db/queries/sessions";
import type { Turn } from "@/db/schema";
import { SIGNAL_KINDS, type SignalKind, type TurnData } from "./types";

export interface LabelView {
  label: "good" | "bad" | null;
  note: string;
  labeled_by: string | null;
  labeled_at: string | null;
  version: number;
}

export interface SessionSummary {
  id: string;
  client: string;
  client_version: string | null;
  service_name: string | null;
  title: string | null;
  started_at: string | null;
  ended_at: string | null;
  duration_ms: number | null;
  models: string[];
  turns: number;
  tool_calls: number;
  tool_failures: number;
  api_errors: number;
  input_tokens: number;
  output_tokens: number;
  cached_input_tokens: number;
  reasoning_tokens: number;
  cost_usd: number | null;
  /** The distinct signal kinds of the session's turns (TurnView.signals), in SIGNAL_KINDS order. */
  signals: SignalKind[];
  labeled_turns: number;
  bad_turns: number;
  label: "good" | "bad" | null;
}

export type TurnView = Omit<TurnData, "started_at" | "ended_at" | "record_ids"> & {
  id: string;
  session_id: string;
  started_at: string | null;
  ended_at: string | null;
  label: LabelView;
};

export interface SessionDetail {
  session: SessionSummary & { note: string; session_label: LabelView };
  turns: TurnView[];
}

export const iso = (ms: number | null | undefined): string | null =>
  ms === null || ms === undefined ? null : new Date(ms).toISOString();

export const EMPTY_LABEL: LabelView = { label: null, note: "", labeled_by: null, labeled_at: null, version: 0 };

export function toLabelView(row: LabelRow | undefined): LabelView {
  if (!row) return EMPTY_LABEL;
  return { label: row.label, note: row.note, labeled_by: row.labeledBy, labeled_at: iso(row.labeledAt), version: row.version };
}

function signalKindsOf(list: string | null): SignalKind[] {
  const kinds = new Set(list ? list.split(",") : []);
  return SIGNAL_KINDS.filter((kind) => kinds.has(kind));
}

export function toSessionSummary(row: SessionListRow): SessionSummary {
  return {
    id: row.id,
    client: row.client,
    client_version: row.clientVersion,
    service_name: row.serviceName,
    title: row.title,
    started_at: iso(row.startedAt),
    ended_at: iso(row.endedAt),
    duration_ms: row.startedAt !== null && row.endedAt !== null ? row.endedAt - row.startedAt : null,
    models: JSON.parse(row.models) as string[],
    turns: row.turnCount,
    tool_calls: row.toolCallCount,
    tool_failures: row.toolFailureCount,
    api_errors: row.apiErrorCount,
    input_tokens: row.inputTokens,
    output_tokens: row.outputTokens,
    cached_input_tokens: row.cachedInputTokens,
    reasoning_tokens: row.reasoningTokens,
    cost_usd: row.costUsd,
    signals: signalKindsOf(row.signalKinds),
    labeled_turns: row.labeledTurns,
    bad_turns: row.badTurns,
    label: row.label,
  };
}

export function toTurnView(turn: Turn, label: LabelRow | undefined): TurnView {
  const { record_ids: _records, started_at, ended_at, ...data } = JSON.parse(turn.data) as TurnData;
  return {
    id: turn.id,
    session_id: turn.sessionId,
    ...data,
    // rows built before signals existed have neither field until the session is rebuilt (npm run reindex)
    signals: data.signals ?? [],
    suggested_labels: data.suggested_labels ?? [],
    started_at: iso(started_at),
    ended_at: iso(ended_at),
    label: toLabelView(label),
  };
}

export interface SessionPage {
  sessions: SessionSummary[];
  total: number;
  /** Pass as `before` to get the next page; null on the last page. */
  next: string | null;
}

export function encodeCursor(row: SessionSummary): string {
  return Buffer.from(JSON.stringify([row.started_at ? Date.parse(row.started_at) : 0, row.id])).toString("base64url");
}

export function decodeCursor(cursor: string): { startedAt: number; id: string } | undefined {
  try {
    const [startedAt, id] = JSON.parse(Buffer.from(cursor, "base64url").toString()) as [number, string];
    if (typeof startedAt === "number" && typeof id === "string") return { startedAt, id };
  } catch {
    // fall through: an unreadable cursor is a bad request
  }
  return undefined;
}

export function readSessionPage(db: Db, filter: SessionFilter, limit: number, before?: { startedAt: number; id: string }): SessionPage {
  const rows = listSessions({ db, filter, limit: limit + 1, before });
  const sessions = rows.slice(0, limit).map(toSessionSummary);
  const last = sessions.at(-1);
  return { sessions, total: countSessions({ db, filter }), next: rows.length > limit && last ? encodeCursor(last) : null };
}

export function readSessionDetail(db: Db, id: string): SessionDetail | undefined {
  const row = getSessionById({ db, id });
  if (!row) return undefined;
  const turns = listTurnsBySession({ db, sessionId: id });
  const labels = listLabelsByTargets({ db, targetType: "turn", targetIds: turns.map((turn) => turn.id) });
  const sessionLabel = listLabelsByTargets({ db, targetType: "session", targetIds: [id] }).get(id);
  return {
    session: { ...toSessionSummary(row), note: sessionLabel?.note ?? "", session_label: toLabelView(sessionLabel) },
    turns: turns.map((turn) => toTurnView(turn, labels.get(turn.id))),
  };
}
