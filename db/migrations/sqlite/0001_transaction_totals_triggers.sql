-- Keeps transaction_totals equal to a GROUP BY month, category over
-- transactions, row by row (SQLite has no statement-level triggers).
CREATE TRIGGER transactions_totals_insert AFTER INSERT ON transactions BEGIN
  INSERT INTO transaction_totals (month, category, n, spend_pence, income_pence)
  VALUES (
    substr(NEW.date, 1, 7), COALESCE(NEW.category, ''), 1,
    CASE WHEN NEW.amount < 0 THEN CAST(ROUND(NEW.amount * 100) AS INTEGER) ELSE 0 END,
    CASE WHEN NEW.amount > 0 THEN CAST(ROUND(NEW.amount * 100) AS INTEGER) ELSE 0 END
  )
  ON CONFLICT (month, category) DO UPDATE SET
    n = n + excluded.n,
    spend_pence = spend_pence + excluded.spend_pence,
    income_pence = income_pence + excluded.income_pence;
END;
--> statement-breakpoint
CREATE TRIGGER transactions_totals_delete AFTER DELETE ON transactions BEGIN
  UPDATE transaction_totals SET
    n = n - 1,
    spend_pence = spend_pence - CASE WHEN OLD.amount < 0 THEN CAST(ROUND(OLD.amount * 100) AS INTEGER) ELSE 0 END,
    income_pence = income_pence - CASE WHEN OLD.amount > 0 THEN CAST(ROUND(OLD.amount * 100) AS INTEGER) ELSE 0 END
  WHERE month = substr(OLD.date, 1, 7) AND category = COALESCE(OLD.category, '');
  DELETE FROM transaction_totals WHERE month = substr(OLD.date, 1, 7) AND category = COALESCE(OLD.category, '') AND n = 0;
END;
--> statement-breakpoint
CREATE TRIGGER transactions_totals_update AFTER UPDATE OF date, amount, category ON transactions BEGIN
  UPDATE transaction_totals SET
    n = n - 1,
    spend_pence = spend_pence - CASE WHEN OLD.amount < 0 THEN CAST(ROUND(OLD.amount * 100) AS INTEGER) ELSE 0 END,
    income_pence = income_pence - CASE WHEN OLD.amount > 0 THEN CAST(ROUND(OLD.amount * 100) AS INTEGER) ELSE 0 END
  WHERE month = substr(OLD.date, 1, 7) AND category = COALESCE(OLD.category, '');
  DELETE FROM transaction_totals WHERE month = substr(OLD.date, 1, 7) AND category = COALESCE(OLD.category, '') AND n = 0;
  INSERT INTO transaction_totals (month, category, n, spend_pence, income_pence)
  VALUES (
    substr(NEW.date, 1, 7), COALESCE(NEW.category, ''), 1,
    CASE WHEN NEW.amount < 0 THEN CAST(ROUND(NEW.amount * 100) AS INTEGER) ELSE 0 END,
    CASE WHEN NEW.amount > 0 THEN CAST(ROUND(NEW.amount * 100) AS INTEGER) ELSE 0 END
  )
  ON CONFLICT (month, category) DO UPDATE SET
    n = n + excluded.n,
    spend_pence = spend_pence + excluded.spend_pence,
    income_pence = income_pence + excluded.income_pence;
END;
--> statement-breakpoint
INSERT INTO transaction_totals (month, category, n, spend_pence, income_pence)
SELECT substr(date, 1, 7), COALESCE(category, ''), COUNT(*),
  SUM(CASE WHEN amount < 0 THEN CAST(ROUND(amount * 100) AS INTEGER) ELSE 0 END),
  SUM(CASE WHEN amount > 0 THEN CAST(ROUND(amount * 100) AS INTEGER) ELSE 0 END)
FROM transactions GROUP BY 1, 2;
