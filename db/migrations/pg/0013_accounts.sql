ALTER TABLE "accounts" ADD COLUMN "truelayer_account_id" integer;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_truelayer_account_id_truelayer_accounts_id_fk" FOREIGN KEY ("truelayer_account_id") REFERENCES "public"."truelayer_accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_truelayer_account_id_unique" UNIQUE("truelayer_account_id");
--> statement-breakpoint
-- Each bank-synced account becomes an account, named as the bank names it with the bank's name beside
-- it ("Current Account (Monzo)"), and the row id after that where two would share a name; its ledger rows join it.
INSERT INTO accounts (name, kind, truelayer_account_id)
SELECT CASE WHEN (SELECT COUNT(*) FROM accounts x WHERE x.name = b.name) > 0
              OR (SELECT COUNT(*) FROM truelayer_accounts o JOIN bank_connections oc ON oc.id = o.connection_id
                  WHERE o.id <> b.id
                    AND COALESCE(NULLIF(TRIM(o.display_name), ''), 'Bank account') || COALESCE(' (' || oc.provider_name || ')', '') = b.name) > 0
            THEN b.name || ' ' || b.id ELSE b.name END,
       b.kind, b.id
FROM (
  SELECT a.id,
         COALESCE(NULLIF(TRIM(a.display_name), ''), 'Bank account') || COALESCE(' (' || c.provider_name || ')', '') AS name,
         CASE WHEN a.kind = 'card' THEN 'credit_card' WHEN UPPER(COALESCE(a.account_type, '')) = 'SAVINGS' THEN 'savings' ELSE 'current' END AS kind
  FROM truelayer_accounts a JOIN bank_connections c ON c.id = a.connection_id
) b;
--> statement-breakpoint
UPDATE transactions SET account_id = (
  SELECT acc.id FROM truelayer_transactions tt JOIN accounts acc ON acc.truelayer_account_id = tt.account_id
  WHERE tt.ledger_transaction_id = transactions.id
)
WHERE account_id IS NULL AND id IN (SELECT ledger_transaction_id FROM truelayer_transactions WHERE ledger_transaction_id IS NOT NULL);
