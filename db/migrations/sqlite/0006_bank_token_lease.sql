ALTER TABLE `bank_connections` ADD `token_lease_holder` text;--> statement-breakpoint
ALTER TABLE `bank_connections` ADD `token_lease_expires_at` text;