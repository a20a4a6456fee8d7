CREATE TABLE `recurring_decisions` (
	`series_key` text PRIMARY KEY NOT NULL,
	`status` text,
	`name` text,
	`updated_at` text DEFAULT CURRENT_TIMESTAMP
);
