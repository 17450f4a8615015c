-- Full-text search over notes (labels.note on turns and sessions). drizzle-kit has no FTS5 support, so this
-- lives in a custom migration. Triggers keep it current on every write to `labels`, whatever writes it (API,
-- journal replay, retention); a search row has its label row's rowid. `npm run reindex` rebuilds it.
CREATE VIRTUAL TABLE `note_search` USING fts5(`target_type` UNINDEXED, `target_id` UNINDEXED, `note`, tokenize = 'unicode61');
--> statement-breakpoint
CREATE TRIGGER `labels_note_search_insert` AFTER INSERT ON `labels` WHEN new.note <> '' BEGIN
  INSERT INTO note_search (rowid, target_type, target_id, note) VALUES (new.rowid, new.target_type, new.target_id, new.note);
END;
--> statement-breakpoint
CREATE TRIGGER `labels_note_search_update` AFTER UPDATE ON `labels` WHEN new.note IS NOT old.note OR new.rowid IS NOT old.rowid BEGIN
  DELETE FROM note_search WHERE rowid = old.rowid;
  INSERT INTO note_search (rowid, target_type, target_id, note)
    SELECT new.rowid, new.target_type, new.target_id, new.note WHERE new.note <> '';
END;
--> statement-breakpoint
CREATE TRIGGER `labels_note_search_delete` AFTER DELETE ON `labels` BEGIN
  DELETE FROM note_search WHERE rowid = old.rowid;
END;
--> statement-breakpoint
INSERT INTO note_search (rowid, target_type, target_id, note)
  SELECT rowid, target_type, target_id, note FROM labels WHERE note <> '';
