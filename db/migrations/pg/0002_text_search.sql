-- Trigram indexes so ILIKE '%word%' on description and merchant can use an
-- index. pg_trgm ships with PostgreSQL but an external server may not offer
-- it, or the user may not be allowed to create it: then search still works,
-- by scanning, and the server log says why.
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
  CREATE INDEX idx_transactions_description_trgm ON transactions USING gin (description gin_trgm_ops);
  CREATE INDEX idx_transactions_merchant_trgm ON transactions USING gin (merchant gin_trgm_ops);
EXCEPTION WHEN insufficient_privilege OR undefined_file OR feature_not_supported THEN
  RAISE WARNING 'pg_trgm is not available (%); text search will scan instead of using an index', SQLERRM;
END $$;
