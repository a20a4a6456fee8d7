-- A trigram index over description and merchant, so a search for a rare word
-- reads its few matches instead of every row. detail=none keeps it about a
-- third of the size of detail=full; queries AND the trigrams together and
-- re-check with LIKE, so results are exact.
CREATE VIRTUAL TABLE transactions_search USING fts5(
  description, merchant, content='transactions', content_rowid='id', tokenize='trigram', detail=none
);
--> statement-breakpoint
CREATE TRIGGER transactions_search_insert AFTER INSERT ON transactions BEGIN
  INSERT INTO transactions_search (rowid, description, merchant) VALUES (NEW.id, NEW.description, NEW.merchant);
END;
--> statement-breakpoint
CREATE TRIGGER transactions_search_delete AFTER DELETE ON transactions BEGIN
  INSERT INTO transactions_search (transactions_search, rowid, description, merchant)
  VALUES ('delete', OLD.id, OLD.description, OLD.merchant);
END;
--> statement-breakpoint
CREATE TRIGGER transactions_search_update AFTER UPDATE OF description, merchant ON transactions BEGIN
  INSERT INTO transactions_search (transactions_search, rowid, description, merchant)
  VALUES ('delete', OLD.id, OLD.description, OLD.merchant);
  INSERT INTO transactions_search (rowid, description, merchant) VALUES (NEW.id, NEW.description, NEW.merchant);
END;
--> statement-breakpoint
INSERT INTO transactions_search (transactions_search) VALUES ('rebuild');
