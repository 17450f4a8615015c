CREATE TABLE `excluded_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`reason` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `labels` (
	`target_type` text NOT NULL,
	`target_id` text NOT NULL,
	`label` text,
	`note` text DEFAULT '' NOT NULL,
	`labeled_by` text NOT NULL,
	`labeled_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	PRIMARY KEY(`target_type`, `target_id`)
);
--> statement-breakpoint
CREATE TABLE `log_records` (
	`id` integer PRIMARY KEY NOT NULL,
	`request_id` integer NOT NULL,
	`resource_id` integer NOT NULL,
	`scope_id` integer NOT NULL,
	`name` text NOT NULL,
	`time_ns` text NOT NULL,
	`session_key` text,
	`trace_id` text,
	`attributes` text NOT NULL,
	`observed_time_ns` text,
	`severity_number` integer,
	`severity_text` text,
	`span_id` text,
	`body` text
);
--> statement-breakpoint
CREATE INDEX `log_records_session` ON `log_records` (`session_key`);--> statement-breakpoint
CREATE INDEX `log_records_trace` ON `log_records` (`trace_id`);--> statement-breakpoint
CREATE TABLE `metric_points` (
	`id` integer PRIMARY KEY NOT NULL,
	`request_id` integer NOT NULL,
	`resource_id` integer NOT NULL,
	`scope_id` integer NOT NULL,
	`name` text NOT NULL,
	`time_ns` text NOT NULL,
	`session_key` text,
	`trace_id` text,
	`attributes` text NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `metric_points_session` ON `metric_points` (`session_key`);--> statement-breakpoint
CREATE INDEX `metric_points_name` ON `metric_points` (`name`);--> statement-breakpoint
CREATE TABLE `requests` (
	`id` integer PRIMARY KEY NOT NULL,
	`signal` text NOT NULL,
	`received_at` integer NOT NULL,
	`transport` text NOT NULL,
	`encoding` text NOT NULL,
	`user_agent` text,
	`segment` text NOT NULL,
	`line` integer NOT NULL,
	`body_hash` text NOT NULL,
	`records` integer NOT NULL,
	`bytes` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `requests_body_hash` ON `requests` (`signal`,`body_hash`);--> statement-breakpoint
CREATE TABLE `resources` (
	`id` integer PRIMARY KEY NOT NULL,
	`hash` text NOT NULL,
	`service_name` text,
	`service_version` text,
	`attributes` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `resources_hash_unique` ON `resources` (`hash`);--> statement-breakpoint
CREATE TABLE `scopes` (
	`id` integer PRIMARY KEY NOT NULL,
	`hash` text NOT NULL,
	`name` text,
	`version` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scopes_hash_unique` ON `scopes` (`hash`);--> statement-breakpoint
CREATE TABLE `segments` (
	`name` text PRIMARY KEY NOT NULL,
	`signal` text NOT NULL,
	`lines_indexed` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`client` text NOT NULL,
	`client_version` text,
	`service_name` text,
	`started_at` integer,
	`ended_at` integer,
	`models` text NOT NULL,
	`title` text,
	`turn_count` integer NOT NULL,
	`tool_call_count` integer NOT NULL,
	`tool_failure_count` integer NOT NULL,
	`api_error_count` integer NOT NULL,
	`input_tokens` integer NOT NULL,
	`output_tokens` integer NOT NULL,
	`cached_input_tokens` integer NOT NULL,
	`reasoning_tokens` integer NOT NULL,
	`cost_usd` real,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sessions_started` ON `sessions` (`started_at`);--> statement-breakpoint
CREATE INDEX `sessions_client` ON `sessions` (`client`,`started_at`);--> statement-breakpoint
CREATE TABLE `spans` (
	`id` integer PRIMARY KEY NOT NULL,
	`request_id` integer NOT NULL,
	`resource_id` integer NOT NULL,
	`scope_id` integer NOT NULL,
	`name` text NOT NULL,
	`time_ns` text NOT NULL,
	`session_key` text,
	`trace_id` text,
	`attributes` text NOT NULL,
	`span_id` text,
	`parent_span_id` text,
	`kind` integer,
	`end_time_ns` text,
	`status_code` integer,
	`status_message` text,
	`events` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `spans_session` ON `spans` (`session_key`);--> statement-breakpoint
CREATE INDEX `spans_trace` ON `spans` (`trace_id`);--> statement-breakpoint
CREATE TABLE `trace_sessions` (
	`trace_id` text NOT NULL,
	`session_key` text NOT NULL,
	PRIMARY KEY(`trace_id`, `session_key`)
);
--> statement-breakpoint
CREATE INDEX `trace_sessions_session` ON `trace_sessions` (`session_key`);--> statement-breakpoint
CREATE TABLE `turns` (
	`id` text PRIMARY KEY NOT NULL,
	`session_id` text NOT NULL,
	`turn_index` integer NOT NULL,
	`key` text NOT NULL,
	`model` text,
	`started_at` integer,
	`ended_at` integer,
	`has_error` integer NOT NULL,
	`has_tool_failure` integer NOT NULL,
	`data` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `turns_session` ON `turns` (`session_id`,`turn_index`);