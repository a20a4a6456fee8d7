CREATE TABLE `accounts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`created_at` text DEFAULT CURRENT_TIMESTAMP,
	CONSTRAINT "accounts_kind_valid" CHECK(kind IN ('current', 'credit_card', 'savings'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_name_unique` ON `accounts` (`name`);--> statement-breakpoint
CREATE TABLE `import_profiles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`mapping` text NOT NULL,
	`created_at` text DEFAULT CURRENT_TIMESTAMP
);
--> statement-breakpoint
CREATE UNIQUE INDEX `import_profiles_name_unique` ON `import_profiles` (`name`);--> statement-breakpoint
CREATE TABLE `statement_imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`file_name` text NOT NULL,
	`sha256` text NOT NULL,
	`format` text NOT NULL,
	`account_id` integer,
	`account_created` integer DEFAULT false NOT NULL,
	`added` integer NOT NULL,
	`duplicates` integer NOT NULL,
	`unreadable` text NOT NULL,
	`created_at` text DEFAULT CURRENT_TIMESTAMP,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `transactions` ADD `account_id` integer REFERENCES accounts(id) ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE `transactions` ADD `import_id` text;--> statement-breakpoint
ALTER TABLE `transactions` ADD `statement_import_id` integer REFERENCES statement_imports(id);--> statement-breakpoint
CREATE INDEX `idx_transactions_account_import` ON `transactions` (`account_id`,`import_id`);--> statement-breakpoint
CREATE INDEX `idx_transactions_statement_import` ON `transactions` (`statement_import_id`);