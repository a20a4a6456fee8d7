ALTER TABLE "transactions" ADD COLUMN "description_folded" text;--> statement-breakpoint
ALTER TABLE "transactions" ADD COLUMN "merchant_folded" text;--> statement-breakpoint
-- The trigram indexes move to the folded text (db/search-fold.ts), which
-- search compares with LIKE: ILIKE's case folding follows the database's
-- LC_CTYPE (ASCII only under C, as the embedded server runs) and not Unicode.
DROP INDEX IF EXISTS idx_transactions_description_trgm;--> statement-breakpoint
DROP INDEX IF EXISTS idx_transactions_merchant_trgm;--> statement-breakpoint
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
  CREATE INDEX idx_transactions_description_trgm ON transactions USING gin (description_folded gin_trgm_ops);
  CREATE INDEX idx_transactions_merchant_trgm ON transactions USING gin (merchant_folded gin_trgm_ops);
EXCEPTION WHEN insufficient_privilege OR undefined_file OR feature_not_supported THEN
  RAISE WARNING 'pg_trgm is not available (%); text search will scan instead of using an index', SQLERRM;
END $$;
--> statement-breakpoint
-- SQL cannot fold: the store's next open fills the new columns of existing
-- rows (db/search-refold.ts), then removes this note.
INSERT INTO app_meta (key, value) VALUES ('search_fold', 'pending')
  ON CONFLICT (key) DO UPDATE SET value = excluded.value;
