ALTER TABLE `labels` ADD `reasons` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `labels` ADD `correction` text;