-- One-time repair of indexes written before the durable rebuild intent (0004): a session key with records but
-- neither a build nor an exclusion was lost by a crash between indexing and building; mark it for the builder.
INSERT OR IGNORE INTO `dirty_sessions` (`session_key`, `marked_at`)
SELECT `session_key`, 0 FROM (
  SELECT `session_key` FROM `log_records` UNION SELECT `session_key` FROM `spans` UNION SELECT `session_key` FROM `metric_points`
)
WHERE `session_key` IS NOT NULL
  AND `session_key` NOT IN (SELECT `id` FROM `sessions`)
  AND `session_key` NOT IN (SELECT `id` FROM `excluded_sessions`);
