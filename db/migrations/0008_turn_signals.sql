CREATE TABLE `turn_signals` (
	`turn_id` text NOT NULL,
	`session_id` text NOT NULL,
	`kind` text NOT NULL,
	PRIMARY KEY(`turn_id`, `kind`)
);
--> statement-breakpoint
CREATE INDEX `turn_signals_session` ON `turn_signals` (`session_id`);--> statement-breakpoint
CREATE INDEX `turn_signals_kind` ON `turn_signals` (`kind`,`session_id`);--> statement-breakpoint
ALTER TABLE `turns` ADD `triage_score` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `turns_triage` ON `turns` (`triage_score`);