CREATE TABLE `purchase_imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`file_name` text NOT NULL,
	`sha256` text NOT NULL,
	`format` text NOT NULL,
	`added` integer NOT NULL,
	`duplicates` integer NOT NULL,
	`created_at` text DEFAULT CURRENT_TIMESTAMP
);
--> statement-breakpoint
CREATE UNIQUE INDEX `purchase_imports_sha256_unique` ON `purchase_imports` (`sha256`);--> statement-breakpoint
CREATE TABLE `purchase_matches` (
	`purchase_id` integer PRIMARY KEY NOT NULL,
	`transaction_id` integer NOT NULL,
	`status` text NOT NULL,
	`confidence` real NOT NULL,
	`matched_at` text DEFAULT CURRENT_TIMESTAMP,
	FOREIGN KEY (`purchase_id`) REFERENCES `purchases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`transaction_id`) REFERENCES `transactions`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "purchase_matches_status_valid" CHECK(status IN ('proposed', 'confirmed', 'manual'))
);
--> statement-breakpoint
CREATE INDEX `idx_purchase_matches_transaction` ON `purchase_matches` (`transaction_id`);--> statement-breakpoint
CREATE TABLE `purchase_rejections` (
	`purchase_id` integer NOT NULL,
	`transaction_id` integer NOT NULL,
	`created_at` text DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY(`purchase_id`, `transaction_id`),
	FOREIGN KEY (`purchase_id`) REFERENCES `purchases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`transaction_id`) REFERENCES `transactions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `purchases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source` text NOT NULL,
	`kind` text NOT NULL,
	`external_id` text NOT NULL,
	`order_id` text NOT NULL,
	`date` text NOT NULL,
	`amount` real NOT NULL,
	`currency` text NOT NULL,
	`items` text NOT NULL,
	`status` text,
	`import_id` integer,
	`created_at` text DEFAULT CURRENT_TIMESTAMP,
	FOREIGN KEY (`import_id`) REFERENCES `purchase_imports`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "purchases_source_valid" CHECK(source IN ('amazon', 'apple')),
	CONSTRAINT "purchases_kind_valid" CHECK(kind IN ('order', 'refund')),
	CONSTRAINT "purchases_date_iso" CHECK(date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `purchases_source_kind_external` ON `purchases` (`source`,`kind`,`external_id`);--> statement-breakpoint
CREATE INDEX `idx_purchases_date` ON `purchases` (`date`);