// `dpo`: TRL's conversational preference format, one row per pair (docs/export-format.md "dpo"). Pairs come
// from (a) a turn with a correction — chosen = the correction, rejected = the agent's answer — and (b) one
// prompt text answered in different turns, one labeled good and one bad. Identical rows are written once.
import { createHash } from "node:crypto";
import type { ExportRow } from "@/db/queries/export-rows";
import type { PromptGroupRow } from "@/db/queries/export";
import type { TurnData } from "@/lib/sessions/types";
import { assistantMessages, promptMessages, type ChatMessage } from "./chat";
import { toTurnLine, type Scrub, type TurnLine } from "./formats";

export const DPO_SCHEMA = "tracemark.dpo.v1";
/** Pairs one prompt can give at most (goods × bads grows fast when a prompt is asked many times). */
export const MAX_PAIRS_PER_PROMPT = 100;

export interface DpoRow {
  prompt: ChatMessage[];
  chosen: ChatMessage[];
  rejected: ChatMessage[];
  metadata: {
    schema: typeof DPO_SCHEMA;
    source: "correction" | "labels";
    chosen: PairSide;
    rejected: PairSide;
  };
}

interface PairSide {
  session_id: string;
  turn_id: string;
  client: string;
  model: string | null;
  label: "good" | "bad" | null;
  reasons: string[];
  note: string | null;
  corrected: boolean;
}

const side = (line: TurnLine, corrected: boolean): PairSide => ({
  session_id: line.session_id,
  turn_id: line.turn_id,
  client: line.client,
  model: line.model,
  label: line.label,
  reasons: line.reasons,
  note: line.note,
  corrected,
});

const toLine = (row: ExportRow, scrub: Scrub): TurnLine =>
  toTurnLine(row, JSON.parse(row.data) as TurnData, scrub);

/**
 * A pair from one corrected turn, or null when there is no prompt, the correction changes nothing, or the
 * agent left nothing at all to reject (no steps, no answer).
 */
export function correctionPair(line: TurnLine): DpoRow | null {
  if (line.prompt === null || line.correction === null || line.correction === line.response) return null;
  const rejected = assistantMessages(line, false);
  if (rejected.length === 0) return null;
  return {
    prompt: promptMessages({ ...line, prompt: line.prompt }),
    chosen: assistantMessages(line, true),
    rejected,
    metadata: {
      schema: DPO_SCHEMA,
      source: "correction",
      chosen: side(line, true),
      rejected: side(line, false),
    },
  };
}

/** Good × bad pairs of one prompt's turns (oldest first), capped; the good side's correction wins if any. */
export function labelPairs(group: TurnLine[]): DpoRow[] {
  const goods = group.filter((line) => line.label === "good");
  const bads = group.filter((line) => line.label === "bad");
  const rows: DpoRow[] = [];
  for (const good of goods) {
    for (const bad of bads) {
      if (rows.length >= MAX_PAIRS_PER_PROMPT || good.prompt === null) return rows;
      const chosen = assistantMessages(good, true);
      const rejected = assistantMessages(bad, false);
      if (chosen.length === 0 || rejected.length === 0) continue;
      rows.push({
        prompt: promptMessages({ ...good, prompt: good.prompt }),
        chosen,
        rejected,
        metadata: {
          schema: DPO_SCHEMA,
          source: "labels",
          chosen: side(good, good.correction !== null),
          rejected: side(bad, false),
        },
      });
    }
  }
  return rows;
}

/** Every pair, corrections first, each distinct (prompt, chosen, rejected) once; chosen ≠ rejected. */
export async function* dpoRows(sources: {
  corrected: AsyncIterable<ExportRow> | Iterable<ExportRow>;
  promptGroups: AsyncIterable<PromptGroupRow> | Iterable<PromptGroupRow>;
  scrub: Scrub;
}): AsyncGenerator<DpoRow> {
  const seen = new Set<string>();
  const fresh = (row: DpoRow): boolean => {
    const content = JSON.stringify([row.prompt, row.chosen, row.rejected]);
    if (JSON.stringify(row.chosen) === JSON.stringify(row.rejected)) return false;
    const hash = createHash("sha256").update(content).digest("base64");
    if (seen.has(hash)) return false;
    seen.add(hash);
    return true;
  };
  for await (const row of sources.corrected) {
    const pair = correctionPair(toLine(row, sources.scrub));
    if (pair && fresh(pair)) yield pair;
  }
  let group: TurnLine[] = [];
  let key: string | null = null;
  for await (const row of sources.promptGroups) {
    if (row.promptKey !== key && group.length > 0) {
      yield* labelPairs(group).filter(fresh);
      group = [];
    }
    key = row.promptKey;
    group.push(toLine(row, sources.scrub));
  }
  if (group.length > 0) yield* labelPairs(group).filter(fresh);
}
