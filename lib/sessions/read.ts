// Sessions and turns as the API serves them: index rows → the documented JSON shape (docs/api.md, the
// types in lib/shared/views.ts). The one place where stored session and turn rows become wire objects.
import { listLabelsByTargets, type LabelRow } from "@/db/queries/labels";
import type { SessionFilter } from "@/db/queries/session-filter";
import {
  countSessions,
  getSessionById,
  listSessions,
  listTurnsBySession,
  type SessionKey,
  type SessionOrder,
  type SessionListRow,
} from "@/db/queries/sessions";
import { listSearchMatchesBySessions } from "@/db/queries/search";
import type { Turn } from "@/db/schema";
import type { Store } from "@/db/store";
import { finalOnly } from "@/lib/adapters/adapter";
import { readPeopleLabels } from "@/lib/labels/others";
import { toolViewOf } from "@/lib/adapters";
import { EMPTY_LABEL, type LabelView } from "@/lib/shared/labels";
import { SIGNAL_KINDS, type SignalKind } from "@/lib/shared/signals";
import type { SessionDetail, SessionPage, SessionSummary, TurnData, TurnView } from "@/lib/shared/views";
import { toSnippetParts } from "./search";

export const iso = (ms: number | null | undefined): string | null =>
  ms === null || ms === undefined ? null : new Date(ms).toISOString();

export function toLabelView(row: LabelRow | undefined): LabelView {
  if (!row) return EMPTY_LABEL;
  return {
    label: row.label,
    note: row.note,
    reasons: row.reasons,
    correction: row.correction,
    labeled_by: row.labeledBy,
    labeled_at: iso(row.labeledAt),
    version: row.version,
  };
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
    disagreements: row.disagreements,
    others_labeled: row.othersLabeled,
    label: row.label,
  };
}

export function toTurnView(
  turn: Turn,
  label: LabelRow | undefined,
  client: string,
  people: Pick<TurnView, "labels_by" | "disagreement"> = { labels_by: [], disagreement: false },
): TurnView {
  const {
    record_ids: _records,
    ttft_ms: _ttft,
    started_at,
    ended_at,
    ...data
  } = JSON.parse(turn.data) as TurnData;
  return {
    id: turn.id,
    session_id: turn.sessionId,
    ...data,
    // Turns stored before messages were kept: the final answer is all that is known until a rebuild.
    messages: data.messages ?? finalOnly(data.response),
    intermediate_messages: data.intermediate_messages ?? false,
    tool_calls: data.tool_calls.map((call) => ({ ...call, view: toolViewOf(client, call) })),
    // rows built before signals existed have neither field until the session is rebuilt (npm run reindex)
    signals: data.signals ?? [],
    suggested_labels: data.suggested_labels ?? [],
    started_at: iso(started_at),
    ended_at: iso(ended_at),
    label: toLabelView(label),
    ...people,
  };
}

/** The cursor names its sort, so a page of another order is never continued from it. */
export function encodeCursor(order: SessionOrder, key: SessionKey): string {
  return Buffer.from(JSON.stringify([order.sort, order.order, key.value, key.id])).toString("base64url");
}

export function decodeCursor(cursor: string, order: SessionOrder): SessionKey | undefined {
  try {
    const [sort, direction, value, id] = JSON.parse(Buffer.from(cursor, "base64url").toString()) as unknown[];
    if (sort !== order.sort || direction !== order.order || typeof id !== "string") return undefined;
    if (typeof value === "number" || value === null) return { value, id };
  } catch {
    // fall through: an unreadable cursor is a bad request
  }
  return undefined;
}

export async function readSessionPage(
  store: Store,
  filter: SessionFilter,
  limit: number,
  before?: SessionKey,
  order?: SessionOrder,
): Promise<SessionPage> {
  const resolved: SessionOrder = order ?? { sort: "started_at", order: "desc" };
  const rows = await listSessions({ store, filter, limit: limit + 1, before, order: resolved });
  const sessions = rows.slice(0, limit).map(toSessionSummary);
  if (filter.q) await withSearchMatches(store, filter.q, sessions);
  const last = rows[limit - 1];
  return {
    sessions,
    total: await countSessions({ store, filter }),
    next: rows.length > limit && last ? encodeCursor(resolved, { value: last.sortValue, id: last.id }) : null,
  };
}

async function withSearchMatches(store: Store, q: string, sessions: SessionSummary[]): Promise<void> {
  const sessionIds = sessions.map((session) => session.id);
  const matches = await listSearchMatchesBySessions({ store, q, sessionIds });
  for (const session of sessions) {
    session.matches = (matches.get(session.id) ?? []).map((row) => ({
      field: row.field,
      turn_id: row.turnId,
      turn_index: row.turnIndex,
      snippet: toSnippetParts(row.snippet),
    }));
  }
}

/** A session's header: its summary with the viewer's session note and label. */
export async function toSessionHeader(
  store: Store,
  row: SessionListRow,
  viewer: string | undefined,
): Promise<SessionDetail["session"]> {
  const labels = await listLabelsByTargets({
    store,
    targetType: "session",
    targetIds: [row.id],
    author: viewer,
  });
  const sessionLabel = labels.get(row.id);
  return {
    ...toSessionSummary(row),
    note: sessionLabel?.note ?? "",
    session_label: toLabelView(sessionLabel),
  };
}

/** Stored turns as wire turns: the viewer's label, with the others' beside them (docs/team.md "People"). */
export async function toTurnViews(
  store: Store,
  turns: Turn[],
  client: string,
  viewer: string | undefined,
): Promise<TurnView[]> {
  const people = await readPeopleLabels({
    store,
    targetType: "turn",
    targetIds: turns.map((turn) => turn.id),
    viewer,
  });
  return turns.map((turn) =>
    toTurnView(turn, people.mine.get(turn.id), client, {
      labels_by: people.others.get(turn.id) ?? [],
      disagreement: people.disagreements.has(turn.id),
    }),
  );
}

/** A session and its turns; labels are the viewer's, with the others' beside them (docs/team.md "People"). */
export async function readSessionDetail(
  store: Store,
  id: string,
  viewer?: string,
): Promise<SessionDetail | undefined> {
  const row = await getSessionById({ store, id, viewer });
  if (!row) return undefined;
  const turns = await listTurnsBySession({ store, sessionId: id });
  return {
    session: await toSessionHeader(store, row, viewer),
    turns: await toTurnViews(store, turns, row.client, viewer),
  };
}
