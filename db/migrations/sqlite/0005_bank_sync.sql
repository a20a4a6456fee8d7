CREATE TABLE `truelayer_pending_transactions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` integer NOT NULL,
	`transaction_id` text,
	`timestamp` text,
	`booking_date` text,
	`description` text,
	`amount` real,
	`currency` text,
	`transaction_type` text,
	`transaction_category` text,
	`merchant_name` text,
	`metadata` text,
	`created_at` text DEFAULT CURRENT_TIMESTAMP,
	FOREIGN KEY (`account_id`) REFERENCES `truelayer_accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `idx_truelayer_pending_account` ON `truelayer_pending_transactions` (`account_id`);--> statement-breakpoint
ALTER TABLE `bank_connections` ADD `consent_expires_at` text;--> statement-breakpoint
ALTER TABLE `bank_connections` ADD `scope` text;--> statement-breakpoint
ALTER TABLE `bank_connections` ADD `last_error` text;--> statement-breakpoint
ALTER TABLE `oauth_state` ADD `redirect_uri` text;--> statement-breakpoint
ALTER TABLE `oauth_state` ADD `nonce` text;--> statement-breakpoint
ALTER TABLE `oauth_state` ADD `connection_id` integer;--> statement-breakpoint
ALTER TABLE `truelayer_accounts` ADD `kind` text DEFAULT 'account' NOT NULL;--> statement-breakpoint
ALTER TABLE `truelayer_transactions` ADD `provider_transaction_id` text;--> statement-breakpoint
ALTER TABLE `truelayer_transactions` ADD `booking_date` text;--> statement-breakpoint
ALTER TABLE `truelayer_transactions` ADD `ledger_transaction_id` integer REFERENCES transactions(id) ON DELETE SET NULL;--> statement-breakpoint
CREATE INDEX `idx_truelayer_transactions_ledger` ON `truelayer_transactions` (`ledger_transaction_id`);