CREATE TABLE `journal_lines` (
	`id` integer PRIMARY KEY NOT NULL,
	`journal` text NOT NULL,
	`line` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `journal_lines_journal` ON `journal_lines` (`journal`,`id`);