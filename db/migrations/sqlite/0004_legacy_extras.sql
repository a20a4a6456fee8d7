CREATE TABLE `legacy_extras` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` text NOT NULL,
	`source_table` text NOT NULL,
	`source_id` text,
	`data` text NOT NULL,
	`created_at` text DEFAULT CURRENT_TIMESTAMP
);
--> statement-breakpoint
CREATE INDEX `idx_legacy_extras_source` ON `legacy_extras` (`source_table`,`source_id`);