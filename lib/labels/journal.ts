// The label journal: every label, note, reasons and correction change appended to <data>/labels.jsonl (and fsync'ed) before it
// reaches the index, so labels survive losing the index; replayed into the index at startup.
import fs from "node:fs";
import path from "node:path";
import type { Db } from "@/db/client";
import { getLabelByTarget, saveLabelByTarget, type LabelFields, type LabelTarget } from "@/db/queries/labels";

/** One change: only the fields it sets are present (so replaying merges per field, as the API does). */
export interface JournalEntry extends LabelFields {
  v: 1;
  at: number; // epoch ms
  by: string;
  target_type: LabelTarget;
  target_id: string;
}

export function journalPath(dataDir: string): string {
  return path.join(dataDir, "labels.jsonl");
}

export function appendJournal(dataDir: string, entry: JournalEntry): void {
  fs.mkdirSync(dataDir, { recursive: true });
  const fd = fs.openSync(journalPath(dataDir), "a");
  try {
    fs.writeSync(fd, JSON.stringify(entry) + "\n");
    fs.fdatasyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export function readJournal(dataDir: string): JournalEntry[] {
  const file = journalPath(dataDir);
  if (!fs.existsSync(file)) return [];
  const entries: JournalEntry[] = [];
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    if (!line) continue;
    try {
      entries.push(JSON.parse(line) as JournalEntry);
    } catch {
      // a torn last line from a crash mid-append: that change was never acknowledged
    }
  }
  return entries;
}

/**
 * Brings the index's labels up to the journal. A target the index has no row for gets every entry (an index
 * rebuilt from scratch); one it has gets the entries newer than its row (a crash between journal and index).
 */
export function replayJournal(db: Db, dataDir: string): number {
  let applied = 0;
  const known = new Map<string, number | null>();
  db.$client.transaction(() => {
    for (const entry of readJournal(dataDir)) {
      const key = `${entry.target_type}\u0000${entry.target_id}`;
      if (!known.has(key)) {
        const stored = getLabelByTarget({ db, targetType: entry.target_type, targetId: entry.target_id });
        known.set(key, stored ? stored.labeledAt : null);
      }
      const storedAt = known.get(key);
      if (storedAt !== null && storedAt !== undefined && entry.at <= storedAt) continue;
      saveLabelByTarget({
        db,
        targetType: entry.target_type,
        targetId: entry.target_id,
        fields: { label: entry.label, note: entry.note, reasons: entry.reasons, correction: entry.correction },
        labeledBy: entry.by,
        labeledAt: entry.at,
      });
      applied++;
    }
  })();
  return applied;
}
