ALTER TABLE "bank_connections" ADD COLUMN "token_lease_holder" text;--> statement-breakpoint
ALTER TABLE "bank_connections" ADD COLUMN "token_lease_expires_at" timestamp with time zone;