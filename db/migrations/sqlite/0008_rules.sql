CREATE TABLE `rule_run_changes` (
	`run_id` integer NOT NULL,
	`transaction_id` integer NOT NULL,
	`old_category` text,
	`new_category` text,
	`old_category_source` text,
	`new_category_source` text,
	`old_merchant` text,
	`new_merchant` text,
	`old_huququllah` text,
	`new_huququllah` text,
	PRIMARY KEY(`run_id`, `transaction_id`),
	FOREIGN KEY (`run_id`) REFERENCES `rule_runs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`transaction_id`) REFERENCES `transactions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `idx_rule_run_changes_transaction` ON `rule_run_changes` (`transaction_id`);--> statement-breakpoint
CREATE TABLE `rule_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`scope` text NOT NULL,
	`changed` integer NOT NULL,
	`summary` text NOT NULL,
	`created_at` text DEFAULT CURRENT_TIMESTAMP,
	`undone_at` text
);
--> statement-breakpoint
CREATE TABLE `rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`priority` integer NOT NULL,
	`conditions` text NOT NULL,
	`set_category` text,
	`set_merchant` text,
	`set_huququllah` text,
	`keyword_id` integer,
	`builtin` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT CURRENT_TIMESTAMP,
	FOREIGN KEY (`set_category`) REFERENCES `categories`(`name`) ON UPDATE cascade ON DELETE set null,
	FOREIGN KEY (`keyword_id`) REFERENCES `category_keywords`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "rules_huququllah_valid" CHECK(set_huququllah IS NULL OR set_huququllah IN ('essential', 'discretionary'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rules_keyword_id_unique` ON `rules` (`keyword_id`);--> statement-breakpoint
CREATE INDEX `idx_rules_priority` ON `rules` (`priority`,`id`);--> statement-breakpoint
-- A column, not a rebuilt table: rebuilding would drop the totals and search triggers (0001, 0002).
ALTER TABLE `transactions` ADD `category_source` text CONSTRAINT "transactions_category_source_valid" CHECK(category_source IS NULL OR category_source IN ('manual', 'rule', 'import', 'bank'));
