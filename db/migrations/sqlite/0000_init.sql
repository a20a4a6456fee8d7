CREATE TABLE `account_mappings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sort_code` text NOT NULL,
	`account_number` text NOT NULL,
	`friendly_name` text NOT NULL,
	`created_at` text DEFAULT CURRENT_TIMESTAMP
);
--> statement-breakpoint
CREATE UNIQUE INDEX `account_mappings_account` ON `account_mappings` (`sort_code`,`account_number`);--> statement-breakpoint
CREATE TABLE `amazon_orders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` text NOT NULL,
	`order_date` text NOT NULL,
	`website` text NOT NULL,
	`currency` text NOT NULL,
	`total_owed` real NOT NULL,
	`product_names` text NOT NULL,
	`order_status` text,
	`shipment_status` text,
	`source_file` text,
	`created_at` text DEFAULT CURRENT_TIMESTAMP
);
--> statement-breakpoint
CREATE UNIQUE INDEX `amazon_orders_order_id_unique` ON `amazon_orders` (`order_id`);--> statement-breakpoint
CREATE TABLE `amazon_returns` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` text NOT NULL,
	`reversal_id` text NOT NULL,
	`refund_completion_date` text NOT NULL,
	`currency` text NOT NULL,
	`amount_refunded` real NOT NULL,
	`status` text,
	`disbursement_type` text,
	`source_file` text,
	`original_transaction_id` integer,
	`refund_transaction_id` integer,
	`created_at` text DEFAULT CURRENT_TIMESTAMP,
	FOREIGN KEY (`original_transaction_id`) REFERENCES `transactions`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`refund_transaction_id`) REFERENCES `transactions`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `amazon_returns_reversal_id_unique` ON `amazon_returns` (`reversal_id`);--> statement-breakpoint
CREATE INDEX `idx_amazon_returns_original` ON `amazon_returns` (`original_transaction_id`);--> statement-breakpoint
CREATE INDEX `idx_amazon_returns_refund` ON `amazon_returns` (`refund_transaction_id`);--> statement-breakpoint
CREATE TABLE `amazon_transaction_matches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`transaction_id` integer NOT NULL,
	`amazon_order_id` integer NOT NULL,
	`match_confidence` real NOT NULL,
	`matched_at` text DEFAULT CURRENT_TIMESTAMP,
	FOREIGN KEY (`transaction_id`) REFERENCES `transactions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`amazon_order_id`) REFERENCES `amazon_orders`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `amazon_transaction_matches_transaction_id_unique` ON `amazon_transaction_matches` (`transaction_id`);--> statement-breakpoint
CREATE INDEX `idx_amazon_matches_order` ON `amazon_transaction_matches` (`amazon_order_id`);--> statement-breakpoint
CREATE TABLE `app_meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `apple_transaction_matches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`apple_transaction_id` integer NOT NULL,
	`bank_transaction_id` integer NOT NULL,
	`confidence` integer NOT NULL,
	`matched_at` text DEFAULT CURRENT_TIMESTAMP,
	FOREIGN KEY (`apple_transaction_id`) REFERENCES `apple_transactions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`bank_transaction_id`) REFERENCES `transactions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `apple_transaction_matches_bank_transaction_id_unique` ON `apple_transaction_matches` (`bank_transaction_id`);--> statement-breakpoint
CREATE INDEX `idx_apple_matches_apple` ON `apple_transaction_matches` (`apple_transaction_id`);--> statement-breakpoint
CREATE TABLE `apple_transactions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` text NOT NULL,
	`order_date` text NOT NULL,
	`total_amount` real NOT NULL,
	`currency` text NOT NULL,
	`app_names` text NOT NULL,
	`publishers` text,
	`item_count` integer DEFAULT 1,
	`source_file` text,
	`created_at` text DEFAULT CURRENT_TIMESTAMP
);
--> statement-breakpoint
CREATE UNIQUE INDEX `apple_transactions_order_id_unique` ON `apple_transactions` (`order_id`);--> statement-breakpoint
CREATE TABLE `bank_connections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`provider_id` text NOT NULL,
	`provider_name` text,
	`access_token` text,
	`refresh_token` text,
	`token_expires_at` text,
	`refresh_token_expires_at` text,
	`connection_status` text DEFAULT 'active' NOT NULL,
	`last_synced_at` text,
	`created_at` text DEFAULT CURRENT_TIMESTAMP,
	`updated_at` text DEFAULT CURRENT_TIMESTAMP,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "bank_connections_status_valid" CHECK(connection_status IN ('active', 'expired', 'inactive', 'authorization_required'))
);
--> statement-breakpoint
CREATE INDEX `idx_bank_connections_user` ON `bank_connections` (`user_id`);--> statement-breakpoint
CREATE TABLE `categories` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`rule_pattern` text,
	`ai_suggested` integer DEFAULT false
);
--> statement-breakpoint
CREATE UNIQUE INDEX `categories_name_unique` ON `categories` (`name`);--> statement-breakpoint
CREATE TABLE `category_keywords` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`category_name` text NOT NULL,
	`keyword` text NOT NULL,
	`created_at` text DEFAULT CURRENT_TIMESTAMP,
	FOREIGN KEY (`category_name`) REFERENCES `categories`(`name`) ON UPDATE cascade ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `category_keywords_category_keyword` ON `category_keywords` (`category_name`,`keyword`);--> statement-breakpoint
CREATE TABLE `connection_logs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`connection_id` integer,
	`event_type` text NOT NULL,
	`details` text,
	`created_at` text DEFAULT CURRENT_TIMESTAMP,
	FOREIGN KEY (`connection_id`) REFERENCES `bank_connections`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `idx_connection_logs_connection` ON `connection_logs` (`connection_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `import_fixes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` text NOT NULL,
	`table_name` text NOT NULL,
	`row_id` text NOT NULL,
	`column_name` text NOT NULL,
	`original_value` text,
	`fixed_value` text,
	`reason` text NOT NULL,
	`created_at` text DEFAULT CURRENT_TIMESTAMP
);
--> statement-breakpoint
CREATE INDEX `idx_import_fixes_run` ON `import_fixes` (`run_id`);--> statement-breakpoint
CREATE TABLE `import_rejects` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` text NOT NULL,
	`source_table` text NOT NULL,
	`source_id` text,
	`reason` text NOT NULL,
	`original` text NOT NULL,
	`created_at` text DEFAULT CURRENT_TIMESTAMP
);
--> statement-breakpoint
CREATE INDEX `idx_import_rejects_run` ON `import_rejects` (`run_id`);--> statement-breakpoint
CREATE TABLE `oauth_state` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`state` text NOT NULL,
	`code_verifier` text NOT NULL,
	`expires_at` text NOT NULL,
	`created_at` text DEFAULT CURRENT_TIMESTAMP
);
--> statement-breakpoint
CREATE UNIQUE INDEX `oauth_state_state_unique` ON `oauth_state` (`state`);--> statement-breakpoint
CREATE TABLE `transaction_totals` (
	`month` text NOT NULL,
	`category` text NOT NULL,
	`n` integer NOT NULL,
	`spend_pence` integer NOT NULL,
	`income_pence` integer NOT NULL,
	PRIMARY KEY(`month`, `category`)
);
--> statement-breakpoint
CREATE TABLE `transactions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`date` text NOT NULL,
	`description` text NOT NULL,
	`amount` real NOT NULL,
	`category` text DEFAULT 'Other',
	`source_file` text,
	`merchant` text,
	`huququllah_classification` text,
	`created_at` text DEFAULT CURRENT_TIMESTAMP,
	CONSTRAINT "transactions_date_iso" CHECK(date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "transactions_huququllah_valid" CHECK(huququllah_classification IS NULL OR huququllah_classification IN ('essential', 'discretionary'))
);
--> statement-breakpoint
CREATE INDEX `idx_transactions_date` ON `transactions` (`date`,`id`);--> statement-breakpoint
CREATE INDEX `idx_transactions_category` ON `transactions` (`category`,`date`,`id`);--> statement-breakpoint
CREATE INDEX `idx_transactions_category_amount` ON `transactions` (`category`,`amount`,`id`);--> statement-breakpoint
CREATE INDEX `idx_transactions_merchant` ON `transactions` (`merchant`);--> statement-breakpoint
CREATE INDEX `idx_transactions_amount` ON `transactions` (`amount`,`id`);--> statement-breakpoint
CREATE INDEX `idx_transactions_source_file` ON `transactions` (`source_file`);--> statement-breakpoint
CREATE TABLE `truelayer_accounts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`connection_id` integer NOT NULL,
	`account_id` text NOT NULL,
	`account_type` text,
	`display_name` text,
	`currency` text,
	`account_number_json` text,
	`provider_data` text,
	`last_synced_at` text,
	`created_at` text DEFAULT CURRENT_TIMESTAMP,
	`updated_at` text DEFAULT CURRENT_TIMESTAMP,
	FOREIGN KEY (`connection_id`) REFERENCES `bank_connections`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `truelayer_accounts_connection_account` ON `truelayer_accounts` (`connection_id`,`account_id`);--> statement-breakpoint
CREATE TABLE `truelayer_balances` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` integer NOT NULL,
	`current_balance` real,
	`available_balance` real,
	`overdraft` real,
	`currency` text,
	`snapshot_at` text DEFAULT CURRENT_TIMESTAMP,
	FOREIGN KEY (`account_id`) REFERENCES `truelayer_accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `idx_truelayer_balances_account` ON `truelayer_balances` (`account_id`,`snapshot_at`);--> statement-breakpoint
CREATE TABLE `truelayer_transactions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` integer NOT NULL,
	`transaction_id` text,
	`normalised_provider_transaction_id` text NOT NULL,
	`timestamp` text,
	`description` text,
	`amount` real,
	`currency` text,
	`transaction_type` text,
	`transaction_category` text,
	`merchant_name` text,
	`running_balance` real,
	`metadata` text,
	`created_at` text DEFAULT CURRENT_TIMESTAMP,
	FOREIGN KEY (`account_id`) REFERENCES `truelayer_accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `truelayer_transactions_normalised_provider_transaction_id_unique` ON `truelayer_transactions` (`normalised_provider_transaction_id`);--> statement-breakpoint
CREATE INDEX `idx_truelayer_transactions_account` ON `truelayer_transactions` (`account_id`,`timestamp`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`created_at` text DEFAULT CURRENT_TIMESTAMP,
	`updated_at` text DEFAULT CURRENT_TIMESTAMP
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE TABLE `webhook_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` text NOT NULL,
	`event_type` text,
	`payload` text,
	`signature` text,
	`processed` integer DEFAULT false,
	`processed_at` text,
	`received_at` text DEFAULT CURRENT_TIMESTAMP
);
--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_events_event_id_unique` ON `webhook_events` (`event_id`);