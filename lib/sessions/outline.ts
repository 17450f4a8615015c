// The session page's reads: the header with a light outline of every turn, and full turns by position range
// (docs/api.md). Full turns become wire objects through read.ts's toTurnView, so a range is exactly the
// same turns GET /api/sessions/{id} serves.
import type { Db } from "@/db/client";
import { listLabelsByTargets } from "@/db/queries/labels";
import { getSessionById } from "@/db/queries/sessions";
import {
  countTurnsBySession,
  getTurnPosition,
  listTurnOutlinesBySession,
  listTurnsBySessionRange,
  type TurnOutlineRow,
} from "@/db/queries/session-turns";
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

function sessionHeader(
  db: Db,
  id: string,
  viewer: string | undefined,
): { header: SessionDetail["session"]; client: string } {
  const row = getSessionById({ db, id, viewer });
  if (!row) throw new AppError("not-found", `no session ${id}`);
  return { header: toSessionHeader(db, row, viewer), client: row.client };
}

function rangeOf(
  db: Db,
  sessionId: string,
  client: string,
  from: number,
  to: number,
  total: number,
  viewer: string | undefined,
): TurnRange {
  const end = Math.min(to, total);
  const start = Math.min(from, end);
  const rows =
    end > start ? listTurnsBySessionRange({ db, sessionId, offset: start, limit: end - start }) : [];
  return { from: start, to: start + rows.length, total, turns: toTurnViews(db, rows, client, viewer) };
}

/** The header, every turn's outline (as columns), and full turns around `turnId` (from the first when absent
 * or unknown). */
export function readSessionOutline(
  db: Db,
  id: string,
  turnId: string | undefined,
  viewer: string | undefined,
): SessionOutlineWire {
  // One read transaction: a build landing between the queries cannot make the outline and window disagree.
  return db.$client.transaction(() => {
    const { header, client } = sessionHeader(db, id, viewer);
    const rows = listTurnOutlinesBySession({ db, sessionId: id });
    const labels = listLabelsByTargets({
      db,
      targetType: "turn",
      targetIds: rows.map((row) => row.id),
      author: viewer,
    });
    const at = turnId === undefined ? undefined : getTurnPosition({ db, sessionId: id, turnId });
    const from = Math.max(0, Math.min((at ?? 0) - OUTLINE_WINDOW / 4, rows.length - OUTLINE_WINDOW));
    return {
      session: header,
      outline: toOutlineColumns(rows.map((row) => toTurnOutline(row, labels.get(row.id)))),
      window: rangeOf(db, id, client, from, from + OUTLINE_WINDOW, rows.length, viewer),
    };
  })();
}

/** Full turns at positions [from, to), cut at the session's end (the caller bounds the size). */
export function readTurnRange(
  db: Db,
  id: string,
  from: number,
  to: number,
  viewer: string | undefined,
): TurnRange {
  return db.$client.transaction(() => {
    const row = getSessionById({ db, id, viewer });
    if (!row) throw new AppError("not-found", `no session ${id}`);
    return rangeOf(db, id, row.client, from, to, countTurnsBySession({ db, sessionId: id }), viewer);
  })();
}
