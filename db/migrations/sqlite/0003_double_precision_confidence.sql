-- PostgreSQL widened match_confidence to double precision (its 0003); SQLite's REAL is already
-- 8 bytes. This keeps both dialects at the same schema version, so a version means one schema.
UPDATE amazon_transaction_matches SET match_confidence = match_confidence WHERE 0;
