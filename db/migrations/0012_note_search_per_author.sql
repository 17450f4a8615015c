-- 0011 rebuilt `labels` with one row per (target, author): its triggers went with the old table and the rowids
-- changed. Recreate the triggers of 0007 and rebuild the note search rows from the new table.
CREATE TRIGGER IF NOT EXISTS `labels_note_search_insert` AFTER INSERT ON `labels` WHEN new.note <> '' BEGIN
  INSERT INTO note_search (rowid, target_type, target_id, note) VALUES (new.rowid, new.target_type, new.target_id, new.note);
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `labels_note_search_update` AFTER UPDATE ON `labels` WHEN new.note IS NOT old.note OR new.rowid IS NOT old.rowid BEGIN
  DELETE FROM note_search WHERE rowid = old.rowid;
  INSERT INTO note_search (rowid, target_type, target_id, note)
    SELECT new.rowid, new.target_type, new.target_id, new.note WHERE new.note <> '';
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `labels_note_search_delete` AFTER DELETE ON `labels` BEGIN
  DELETE FROM note_search WHERE rowid = old.rowid;
END;
--> statement-breakpoint
DELETE FROM note_search;
--> statement-breakpoint
INSERT INTO note_search (rowid, target_type, target_id, note)
  SELECT rowid, target_type, target_id, note FROM labels WHERE note <> '';
