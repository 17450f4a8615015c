CREATE TABLE `api_calls` (
	`turn_id` text NOT NULL,
	`call_index` integer NOT NULL,
	`session_id` text NOT NULL,
	`model` text,
	`started_at` real,
	`duration_ms` real,
	`status_code` integer,
	`success` integer NOT NULL,
	PRIMARY KEY(`turn_id`, `call_index`)
);
--> statement-breakpoint
CREATE INDEX `api_calls_session` ON `api_calls` (`session_id`);--> statement-breakpoint
CREATE TABLE `tool_calls` (
	`turn_id` text NOT NULL,
	`call_index` integer NOT NULL,
	`session_id` text NOT NULL,
	`name` text NOT NULL,
	`success` integer,
	`duration_ms` real,
	PRIMARY KEY(`turn_id`, `call_index`)
);
--> statement-breakpoint
CREATE INDEX `tool_calls_session` ON `tool_calls` (`session_id`);--> statement-breakpoint
CREATE TABLE `turn_usage` (
	`turn_id` text PRIMARY KEY NOT NULL,
	`session_id` text NOT NULL,
	`model` text,
	`started_at` real,
	`ended_at` real,
	`input_tokens` integer NOT NULL,
	`output_tokens` integer NOT NULL,
	`cached_input_tokens` integer NOT NULL,
	`reasoning_tokens` integer NOT NULL,
	`cost_usd` real,
	`api_errors` integer NOT NULL,
	`ttft_ms` real
);
--> statement-breakpoint
CREATE INDEX `turn_usage_session` ON `turn_usage` (`session_id`);--> statement-breakpoint
-- Backfill from the turns already indexed, so an upgraded index is complete without a reindex. The same
-- derivation as lib/sessions/store.ts `overviewFactsOf` (frozen here as of this migration).
INSERT INTO `tool_calls` (`turn_id`, `call_index`, `session_id`, `name`, `success`, `duration_ms`)
SELECT t.`id`, c.`key`, t.`session_id`, c.`value` ->> '$.name', c.`value` ->> '$.success', c.`value` ->> '$.duration_ms'
FROM `turns` t JOIN json_each(t.`data`, '$.tool_calls') c;
--> statement-breakpoint
INSERT INTO `api_calls` (`turn_id`, `call_index`, `session_id`, `model`, `started_at`, `duration_ms`, `status_code`, `success`)
SELECT t.`id`, c.`key`, t.`session_id`, c.`value` ->> '$.model', c.`value` ->> '$.started_at', c.`value` ->> '$.duration_ms',
  c.`value` ->> '$.status_code', coalesce(c.`value` ->> '$.success', 0)
FROM `turns` t JOIN json_each(t.`data`, '$.api_calls') c;
--> statement-breakpoint
INSERT INTO `turn_usage` (`turn_id`, `session_id`, `model`, `started_at`, `ended_at`, `input_tokens`, `output_tokens`,
  `cached_input_tokens`, `reasoning_tokens`, `cost_usd`, `api_errors`, `ttft_ms`)
SELECT t.`id`, t.`session_id`, t.`model`, t.`started_at`, t.`ended_at`, t.`data` ->> '$.input_tokens',
  t.`data` ->> '$.output_tokens', t.`data` ->> '$.cached_input_tokens', t.`data` ->> '$.reasoning_tokens',
  t.`data` ->> '$.cost_usd', t.`data` ->> '$.api_errors',
  coalesce(
    CASE WHEN s.`client` = 'codex' THEN (
      SELECT CAST(l.`attributes` ->> '$.duration_ms' AS REAL) FROM `log_records` l
      WHERE l.`trace_id` = t.`key` AND l.`attributes` ->> '$."event.name"' = 'codex.turn_ttft' ORDER BY l.`id` LIMIT 1) END,
    (SELECT min((c.`value` ->> '$.started_at') + (c.`value` ->> '$.duration_ms')) FROM json_each(t.`data`, '$.api_calls') c
      WHERE c.`value` ->> '$.success' AND coalesce(c.`value` ->> '$.model' = t.`model`, 1)) - t.`started_at`)
FROM `turns` t LEFT JOIN `sessions` s ON s.`id` = t.`session_id`;
