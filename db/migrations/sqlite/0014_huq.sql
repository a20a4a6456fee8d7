CREATE TABLE `huququllah_totals` (
	`month` text NOT NULL,
	`class` text NOT NULL,
	`n` integer NOT NULL,
	`pence` integer NOT NULL,
	PRIMARY KEY(`month`, `class`)
);
--> statement-breakpoint
-- Keeps huququllah_totals equal to a GROUP BY month, class over the expenses
-- (amount < 0), row by row like transaction_totals (migration 0001).
CREATE TRIGGER transactions_huququllah_insert AFTER INSERT ON transactions WHEN NEW.amount < 0 BEGIN
  INSERT INTO huququllah_totals (month, class, n, pence)
  VALUES (
    substr(NEW.date, 1, 7), COALESCE(NEW.huququllah_classification, ''), 1, CAST(ROUND(NEW.amount * 100) AS INTEGER)
  )
  ON CONFLICT (month, class) DO UPDATE SET n = n + excluded.n, pence = pence + excluded.pence;
END;
--> statement-breakpoint
CREATE TRIGGER transactions_huququllah_delete AFTER DELETE ON transactions WHEN OLD.amount < 0 BEGIN
  UPDATE huququllah_totals SET n = n - 1, pence = pence - CAST(ROUND(OLD.amount * 100) AS INTEGER)
  WHERE month = substr(OLD.date, 1, 7) AND class = COALESCE(OLD.huququllah_classification, '');
  DELETE FROM huququllah_totals
  WHERE month = substr(OLD.date, 1, 7) AND class = COALESCE(OLD.huququllah_classification, '') AND n = 0;
END;
--> statement-breakpoint
CREATE TRIGGER transactions_huququllah_update AFTER UPDATE OF date, amount, huququllah_classification ON transactions BEGIN
  UPDATE huququllah_totals SET n = n - 1, pence = pence - CAST(ROUND(OLD.amount * 100) AS INTEGER)
  WHERE OLD.amount < 0 AND month = substr(OLD.date, 1, 7) AND class = COALESCE(OLD.huququllah_classification, '');
  DELETE FROM huququllah_totals
  WHERE month = substr(OLD.date, 1, 7) AND class = COALESCE(OLD.huququllah_classification, '') AND n = 0;
  INSERT INTO huququllah_totals (month, class, n, pence)
  SELECT substr(NEW.date, 1, 7), COALESCE(NEW.huququllah_classification, ''), 1, CAST(ROUND(NEW.amount * 100) AS INTEGER)
  WHERE NEW.amount < 0
  ON CONFLICT (month, class) DO UPDATE SET n = n + excluded.n, pence = pence + excluded.pence;
END;
--> statement-breakpoint
INSERT INTO huququllah_totals (month, class, n, pence)
SELECT substr(date, 1, 7), COALESCE(huququllah_classification, ''), COUNT(*), SUM(CAST(ROUND(amount * 100) AS INTEGER))
FROM transactions WHERE amount < 0 GROUP BY 1, 2;
