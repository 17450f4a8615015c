// The session page's reads: the header with a light outline of every turn, and full turns by position range
// (docs/api.md). Full turns become wire objects through read.ts's toTurnView, so a range is exactly the
// same turns GET /api/sessions/{id} serves.
import { listLabelsByTargets } from "@/db/queries/labels";
import { getSessionById } from "@/db/queries/sessions";
import {
  countTurnsBySession,
  getTurnPosition,
  listTurnOutlinesBySession,
  listTurnsBySessionRange,
  type TurnOutlineRow,
} from "@/db/queries/session-turns";
import type { Store } from "@/db/store";
import { AppError } from "@/lib/errors";
import type { LabelRow } from "@/db/queries/labels";
import {
  OUTLINE_WINDOW,
  toOutlineColumns,
  type SessionOutlineWire,
  type TurnOutline,
  type TurnRange,
} from "@/lib/shared/session-outline";
import { SIGNAL_KINDS, type SignalKind } from "@/lib/shared/signals";
import type { SessionDetail } from "@/lib/shared/views";
import { iso, toLabelView, toSessionHeader, toTurnViews } from "./read";

function signalKindsOf(list: string | null): SignalKind[] {
  if (!list) return [];
  const kinds = new Set(list.split(","));
  return SIGNAL_KINDS.filter((kind) => kinds.has(kind));
}

function toTurnOutline(row: TurnOutlineRow, label: LabelRow | undefined): TurnOutline {
  return {
    id: row.id,
    index: row.index,
    started_at: iso(row.startedAt),
    ended_at: iso(row.endedAt),
    model: row.model,
    prompt_preview: row.promptPreview,
    prompt_redacted: Boolean(row.promptRedacted),
    tool_calls: row.toolCalls,
    api_calls: row.apiCalls,
    signals: signalKindsOf(row.signalKinds),
    label: toLabelView(label),
  };
}

async function sessionHeader(
  store: Store,
  id: string,
  viewer: string | undefined,
): Promise<{ header: SessionDetail["session"]; client: string }> {
  const row = await getSessionById({ store, id, viewer });
  if (!row) throw new AppError("not-found", `no session ${id}`);
  return { header: await toSessionHeader(store, row, viewer), client: row.client };
}

async function rangeOf(
  store: Store,
  sessionId: string,
  client: string,
  { from, to, total }: Omit<TurnRange, "turns">,
  viewer: string | undefined,
): Promise<TurnRange> {
  const end = Math.min(to, total);
  const start = Math.min(from, end);
  const rows =
    end > start ? await listTurnsBySessionRange({ store, sessionId, offset: start, limit: end - start }) : [];
  return {
    from: start,
    to: start + rows.length,
    total,
    turns: await toTurnViews(store, rows, client, viewer),
  };
}

/** The header, every turn's outline (as columns), and full turns around `turnId` (from the first when absent
 * or unknown). */
export function readSessionOutline(
  store: Store,
  id: string,
  turnId: string | undefined,
  viewer: string | undefined,
): Promise<SessionOutlineWire> {
  // One read snapshot: a build landing between the queries cannot make the outline and window disagree.
  return store.transaction(
    async (tx) => {
      const { header, client } = await sessionHeader(tx, id, viewer);
      const rows = await listTurnOutlinesBySession({ store: tx, sessionId: id });
      const targetIds = rows.map((row) => row.id);
      const labels = await listLabelsByTargets({ store: tx, targetType: "turn", targetIds, author: viewer });
      const at =
        turnId === undefined ? undefined : await getTurnPosition({ store: tx, sessionId: id, turnId });
      const from = Math.max(0, Math.min((at ?? 0) - OUTLINE_WINDOW / 4, rows.length - OUTLINE_WINDOW));
      const window = { from, to: from + OUTLINE_WINDOW, total: rows.length };
      return {
        session: header,
        outline: toOutlineColumns(rows.map((row) => toTurnOutline(row, labels.get(row.id)))),
        window: await rangeOf(tx, id, client, window, viewer),
      };
    },
    { snapshot: true },
  );
}

/** Full turns at positions [from, to), cut at the session's end (the caller bounds the size). */
export function readTurnRange(
  store: Store,
  id: string,
  from: number,
  to: number,
  viewer: string | undefined,
): Promise<TurnRange> {
  return store.transaction(
    async (tx) => {
      const row = await getSessionById({ store: tx, id, viewer });
      if (!row) throw new AppError("not-found", `no session ${id}`);
      const total = await countTurnsBySession({ store: tx, sessionId: id });
      return rangeOf(tx, id, row.client, { from, to, total }, viewer);
    },
    { snapshot: true },
  );
}
