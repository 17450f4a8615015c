PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_labels` (
	`target_type` text NOT NULL,
	`target_id` text NOT NULL,
	`label` text,
	`note` text DEFAULT '' NOT NULL,
	`reasons` text DEFAULT '[]' NOT NULL,
	`correction` text,
	`labeled_by` text NOT NULL,
	`labeled_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	PRIMARY KEY(`target_type`, `target_id`, `labeled_by`)
);
--> statement-breakpoint
INSERT INTO `__new_labels`("target_type", "target_id", "label", "note", "reasons", "correction", "labeled_by", "labeled_at", "version") SELECT "target_type", "target_id", "label", "note", "reasons", "correction", "labeled_by", "labeled_at", "version" FROM `labels`;--> statement-breakpoint
DROP TABLE `labels`;--> statement-breakpoint
ALTER TABLE `__new_labels` RENAME TO `labels`;--> statement-breakpoint
PRAGMA foreign_keys=ON;