CREATE TABLE "huququllah_totals" (
	"month" text NOT NULL,
	"class" text NOT NULL,
	"n" bigint NOT NULL,
	"pence" bigint NOT NULL,
	CONSTRAINT "huququllah_totals_month_class_pk" PRIMARY KEY("month","class")
);
--> statement-breakpoint
-- The running-totals function of migration 0001 keeps huququllah_totals too
-- (expenses per month and class): the same statement-level triggers, so a
-- bulk load or refold that suspends them suspends both, and one rebuild
-- (db/pg/bulk-load.ts) puts both right.
CREATE OR REPLACE FUNCTION transactions_totals_apply() RETURNS trigger LANGUAGE plpgsql AS $$
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
    INSERT INTO huququllah_totals AS h (month, class, n, pence)
    SELECT to_char(date, 'YYYY-MM'), COALESCE(huququllah_classification, ''), -COUNT(*), -SUM(amount * 100)::bigint
    FROM old_rows WHERE amount < 0 GROUP BY 1, 2
    ON CONFLICT (month, class) DO UPDATE SET n = h.n + excluded.n, pence = h.pence + excluded.pence;
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
    INSERT INTO huququllah_totals AS h (month, class, n, pence)
    SELECT to_char(date, 'YYYY-MM'), COALESCE(huququllah_classification, ''), COUNT(*), SUM(amount * 100)::bigint
    FROM new_rows WHERE amount < 0 GROUP BY 1, 2
    ON CONFLICT (month, class) DO UPDATE SET n = h.n + excluded.n, pence = h.pence + excluded.pence;
  END IF;
  DELETE FROM transaction_totals WHERE n = 0;
  DELETE FROM huququllah_totals WHERE n = 0;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION transactions_totals_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM transaction_totals;
  DELETE FROM huququllah_totals;
  RETURN NULL;
END $$;
--> statement-breakpoint
INSERT INTO huququllah_totals (month, class, n, pence)
SELECT to_char(date, 'YYYY-MM'), COALESCE(huququllah_classification, ''), COUNT(*), SUM(amount * 100)::bigint
FROM transactions WHERE amount < 0 GROUP BY 1, 2;
