// Fills the derived columns of every transaction (see REFOLD_NOTE): one
// UPDATE calling the fold as a function registered on this connection only,
// with the search index rebuilt once instead of following each row by trigger.
import type Database from 'better-sqlite3';
import { derive, REFOLD_NOTE } from '../derived-columns.js';

export function refoldSearchText(db: Database.Database): void {
  if (!db.prepare('SELECT 1 FROM app_meta WHERE key = ?').get(REFOLD_NOTE)) return;
  db.function('spending_fold', { deterministic: true }, (text: string | null) => derive(text));
  db.transaction(() => {
    const trigger = db
      .prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'transactions_search_update'`)
      .get() as { sql: string } | undefined;
    if (trigger) db.exec('DROP TRIGGER transactions_search_update');
    db.exec(
      `UPDATE transactions SET description_folded = spending_fold(description), merchant_folded = spending_fold(merchant)`,
    );
    db.exec(`INSERT INTO transactions_search (transactions_search) VALUES ('rebuild')`);
    if (trigger) db.exec(trigger.sql);
    db.prepare('DELETE FROM app_meta WHERE key = ?').run(REFOLD_NOTE);
  })();
}
