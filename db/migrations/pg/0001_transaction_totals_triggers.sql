-- Keeps transaction_totals equal to a GROUP BY month, category over
-- transactions. Statement-level triggers with transition tables, so a COPY of
-- a million rows updates the totals once, not a million times.
CREATE FUNCTION transactions_totals_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    INSERT INTO transaction_totals AS t (month, category, n, spend_pence, income_pence)
    SELECT to_char(date, 'YYYY-MM'), COALESCE(category, ''), -COUNT(*),
      -COALESCE(SUM(CASE WHEN amount < 0 THEN amount * 100 ELSE 0 END), 0)::bigint,
      -COALESCE(SUM(CASE WHEN amount > 0 THEN amount * 100 ELSE 0 END), 0)::bigint
    FROM old_rows GROUP BY 1, 2
    ON CONFLICT (month, category) DO UPDATE SET
      n = t.n + excluded.n,
      spend_pence = t.spend_pence + excluded.spend_pence,
      income_pence = t.income_pence + excluded.income_pence;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO transaction_totals AS t (month, category, n, spend_pence, income_pence)
    SELECT to_char(date, 'YYYY-MM'), COALESCE(category, ''), COUNT(*),
      COALESCE(SUM(CASE WHEN amount < 0 THEN amount * 100 ELSE 0 END), 0)::bigint,
      COALESCE(SUM(CASE WHEN amount > 0 THEN amount * 100 ELSE 0 END), 0)::bigint
    FROM new_rows GROUP BY 1, 2
    ON CONFLICT (month, category) DO UPDATE SET
      n = t.n + excluded.n,
      spend_pence = t.spend_pence + excluded.spend_pence,
      income_pence = t.income_pence + excluded.income_pence;
  END IF;
  DELETE FROM transaction_totals WHERE n = 0;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER transactions_totals_insert AFTER INSERT ON transactions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION transactions_totals_apply();
--> statement-breakpoint
CREATE TRIGGER transactions_totals_update AFTER UPDATE ON transactions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION transactions_totals_apply();
--> statement-breakpoint
CREATE TRIGGER transactions_totals_delete AFTER DELETE ON transactions
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION transactions_totals_apply();
--> statement-breakpoint
CREATE FUNCTION transactions_totals_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM transaction_totals;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER transactions_totals_truncate AFTER TRUNCATE ON transactions
  FOR EACH STATEMENT EXECUTE FUNCTION transactions_totals_truncate();
--> statement-breakpoint
INSERT INTO transaction_totals (month, category, n, spend_pence, income_pence)
SELECT to_char(date, 'YYYY-MM'), COALESCE(category, ''), COUNT(*),
  COALESCE(SUM(CASE WHEN amount < 0 THEN amount * 100 ELSE 0 END), 0)::bigint,
  COALESCE(SUM(CASE WHEN amount > 0 THEN amount * 100 ELSE 0 END), 0)::bigint
FROM transactions GROUP BY 1, 2;
