CREATE TABLE `dirty_session_traces` (
	`session_key` text NOT NULL,
	`trace_id` text NOT NULL,
	PRIMARY KEY(`session_key`, `trace_id`)
);
--> statement-breakpoint
CREATE TABLE `session_builds` (
	`session_id` text PRIMARY KEY NOT NULL,
	`logs_id` integer NOT NULL,
	`spans_id` integer NOT NULL,
	`metrics_id` integer NOT NULL,
	`first_ns` text NOT NULL,
	`last_ns` text NOT NULL,
	`client_ns` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `log_records` ADD `turn_key` text;--> statement-breakpoint
CREATE INDEX `log_records_turn` ON `log_records` (`turn_key`,`session_key`) WHERE turn_key IS NOT NULL;--> statement-breakpoint
ALTER TABLE `metric_points` ADD `turn_key` text;--> statement-breakpoint
CREATE INDEX `metric_points_turn` ON `metric_points` (`turn_key`,`session_key`) WHERE turn_key IS NOT NULL;--> statement-breakpoint
ALTER TABLE `spans` ADD `turn_key` text;--> statement-breakpoint
CREATE INDEX `spans_turn` ON `spans` (`turn_key`,`session_key`) WHERE turn_key IS NOT NULL;--> statement-breakpoint
ALTER TABLE `turns` ADD `prompt_ns` text;--> statement-breakpoint
ALTER TABLE `turns` ADD `totals` text;