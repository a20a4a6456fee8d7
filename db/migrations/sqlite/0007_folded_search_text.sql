ALTER TABLE `transactions` ADD `description_folded` text;--> statement-breakpoint
ALTER TABLE `transactions` ADD `merchant_folded` text;--> statement-breakpoint
-- The trigram index now holds the folded text (db/search-fold.ts), case-
-- sensitively: the fold already did the case folding FTS5 did its own way,
-- ASCII-like in places, so a match it found could be refused by the re-check
-- or the other way round.
DROP TRIGGER transactions_search_insert;--> statement-breakpoint
DROP TRIGGER transactions_search_delete;--> statement-breakpoint
DROP TRIGGER transactions_search_update;--> statement-breakpoint
DROP TABLE transactions_search;--> statement-breakpoint
CREATE VIRTUAL TABLE transactions_search USING fts5(
  description_folded, merchant_folded, content='transactions', content_rowid='id',
  tokenize='trigram case_sensitive 1', detail=none
);
--> statement-breakpoint
CREATE TRIGGER transactions_search_insert AFTER INSERT ON transactions BEGIN
  INSERT INTO transactions_search (rowid, description_folded, merchant_folded)
  VALUES (NEW.id, NEW.description_folded, NEW.merchant_folded);
END;
--> statement-breakpoint
CREATE TRIGGER transactions_search_delete AFTER DELETE ON transactions BEGIN
  INSERT INTO transactions_search (transactions_search, rowid, description_folded, merchant_folded)
  VALUES ('delete', OLD.id, OLD.description_folded, OLD.merchant_folded);
END;
--> statement-breakpoint
CREATE TRIGGER transactions_search_update AFTER UPDATE OF description_folded, merchant_folded ON transactions BEGIN
  INSERT INTO transactions_search (transactions_search, rowid, description_folded, merchant_folded)
  VALUES ('delete', OLD.id, OLD.description_folded, OLD.merchant_folded);
  INSERT INTO transactions_search (rowid, description_folded, merchant_folded)
  VALUES (NEW.id, NEW.description_folded, NEW.merchant_folded);
END;
--> statement-breakpoint
-- SQL cannot fold: the store's next open fills the new columns of existing
-- rows and rebuilds the index (db/search-refold.ts), then removes this note.
INSERT INTO app_meta (key, value) VALUES ('search_fold', 'pending')
  ON CONFLICT (key) DO UPDATE SET value = excluded.value;
