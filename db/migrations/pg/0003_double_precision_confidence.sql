-- Through text, so a stored 0.95 stays 0.95 instead of widening float4 noise into the value.
ALTER TABLE "amazon_transaction_matches" ALTER COLUMN "match_confidence" SET DATA TYPE double precision USING "match_confidence"::text::double precision;
