CREATE TABLE `dirty_sessions` (
	`session_key` text PRIMARY KEY NOT NULL,
	`marked_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `dirty_sessions_marked` ON `dirty_sessions` (`marked_at`);--> statement-breakpoint
CREATE TABLE `dirty_traces` (
	`trace_id` text PRIMARY KEY NOT NULL,
	`marked_at` integer NOT NULL
);
