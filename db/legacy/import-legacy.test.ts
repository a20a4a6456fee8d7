// The old app's finance.db, every variant, into SQLite and PostgreSQL stores,
// checked against LEGACY.md's import rules one by one.
import { createHash } from 'node:crypto';
import { linkSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildLegacyFinanceDb, type LegacyVariant } from '../../e2e/support/legacy-finance-db.js';
import { storeTargets } from '../../e2e/support/test-databases.js';
import { verifyStores } from '../datamover/verify-stores.js';
import { AppError } from '../errors.js';
import { openStore, parseStoreTarget } from '../open-store.js';
import { importLegacy } from './import-legacy.js';
import { openLegacySqlite } from './legacy-source.js';
import { tempDir } from '../../e2e/support/test-cleanup.js';

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const folder = () => tempDir('legacy');

describe.each(storeTargets)('importing finance.db into $dialect', ({ target }) => {
  it.each(['base', 'older', 'later-branch'] as LegacyVariant[])(
    'the %s variant, by every import rule',
    async (variant) => {
      const dir = folder();
      const fixture = buildLegacyFinanceDb(join(dir, 'finance.db'), variant);
      const before = sha(fixture.path);
      const to = parseStoreTarget(await target());

      const report = await importLegacy({ source: fixture.path, target: to, backupDir: join(dir, 'backups') });

      // Rule 1: read only, backed up first.
      expect(sha(fixture.path)).toBe(before);
      const copy = await openLegacySqlite(report.backupPath ?? '');
      expect(await copy.identity()).toBe(report.sourceSha256);
      await copy.close();
      // Rule 3: every row accounted for.
      for (const [table, t] of Object.entries(report.tables)) expect(t.read, table).toBe(t.written + t.rejected);
      expect(report.tables.transactions).toMatchObject({ rejected: 4, checksumMatch: true });
      // Rule 4: quarantined with the reason and the original values.
      const rejected = report.rejects.filter((r) => r.table === 'transactions');
      expect(Object.fromEntries(rejected.map((r) => [r.id, r.reason]))).toEqual(
        Object.fromEntries(
          Object.entries(fixture.rejectedTransactions).map(([id, words]) => [
            Number(id),
            expect.stringContaining(words),
          ]),
        ),
      );
      expect(report.rejects.map((r) => `${r.table}:${String(r.id)}`)).toEqual(
        expect.arrayContaining(['amazon_orders:3', 'amazon_transaction_matches:3', 'apple_transaction_matches:2']),
      );
      expect(report.rejects.find((r) => r.table === 'category_keywords')?.reason).toContain('Ghost');

      const store = await openStore(to);
      try {
        const [nan] = (await store.query(
          sql`SELECT original FROM import_rejects WHERE source_table = 'amazon_orders'`,
        )) as { original: unknown }[];
        const original = (typeof nan?.original === 'string' ? JSON.parse(nan.original) : nan?.original) as Record<
          string,
          unknown
        >;
        expect(original).toMatchObject({ order_id: '203-3333333-3333333', total_owed: 'nan' });
        // Rule 5: fixes recorded with the original value.
        const fixes = report.fixes.map((f) => `${f.table}.${f.column}: ${String(f.original)}`);
        expect(fixes).toEqual(
          expect.arrayContaining([
            'transactions.date: 03/04/2024',
            'transactions.amount: 0.30000000000000004',
            'amazon_orders.order_date: 15/03/2024',
            'amazon_returns.refund_transaction_id: 999998',
            'transactions.created_at: not a time',
          ]),
        );
        if (variant !== 'older') expect(fixes).toContain('transactions.huququllah_classification: maybe');
        expect(
          Number(((await store.query(sql`SELECT COUNT(*) AS n FROM import_fixes`)) as { n: number }[])[0]?.n),
        ).toBe(report.fixes.length);
        // Rules 2 and 6: ids kept, money exact, text byte for byte.
        const [totals] = (await store.query(
          store.dialect === 'sqlite'
            ? sql`SELECT COUNT(*) AS n, SUM(CAST(ROUND(amount * 100) AS INTEGER)) AS pence FROM transactions`
            : sql`SELECT COUNT(*) AS n, CAST(SUM(amount * 100) AS BIGINT) AS pence FROM transactions`,
        )) as { n: number | string; pence: number | string }[];
        expect(Number(totals?.n)).toBe(fixture.validTransactions);
        expect(BigInt(totals?.pence ?? 0)).toBe(fixture.validPence);
        const refund = (await store.listTransactions({ search: 'Zoë' })).items[0];
        expect(refund?.description).toBe('[REFUND] Café «Zoë» 🍕 — Ünïcödé');
        expect(refund?.amountPence).toBe(1999);
        const match = (await store.query(
          sql`SELECT transaction_id, amazon_order_id, match_confidence FROM amazon_transaction_matches WHERE id = 2`,
        )) as Record<string, unknown>[];
        expect(match[0]).toMatchObject({ transaction_id: 2, amazon_order_id: 2, match_confidence: 0.875 });
        // Rule 7: default categories merged by name, not duplicated; the user's own kept.
        const names = (await store.listCategories()).map((c) => c.name);
        expect(names.filter((n) => n === 'Groceries')).toHaveLength(1);
        expect(names).toContain('Pets');
        // Later branch: category from transaction_enrichments; extra columns and tables kept as JSON.
        if (variant === 'later-branch') {
          expect((await store.getTransaction(1))?.category).toBe('Shopping');
          expect(report.extras.map((e) => e.table).sort()).toEqual(
            ['llm_enrichment_cache', 'llm_model_config', 'merchants', 'transaction_enrichments', 'transactions'].sort(),
          );
          const [extra] = (await store.query(
            sql`SELECT data FROM legacy_extras WHERE source_table = 'transactions' AND source_id = '1'`,
          )) as { data: unknown }[];
          const data = (typeof extra?.data === 'string' ? JSON.parse(extra.data) : extra?.data) as Record<
            string,
            unknown
          >;
          expect(data).toMatchObject({ lookup_description: 'shop', provider: 'Monzo', payment_count: 2 });
        }
        // The next transaction gets a fresh id.
        const added = await store.addTransaction({
          date: '2026-11-25',
          description: 'After the import',
          amountPence: -1,
        });
        expect(added.id).toBeGreaterThan(Math.max(...Object.keys(fixture.rejectedTransactions).map(Number)));
      } finally {
        await store.close();
      }

      // Rule 8: a re-run is a no-op; another source into this store is refused without replace.
      expect(await importLegacy({ source: fixture.path, target: to })).toMatchObject({ ok: true, alreadyDone: true });
      const other = buildLegacyFinanceDb(join(dir, 'other.db'), 'older', 20);
      await expect(importLegacy({ source: other.path, target: to })).rejects.toThrow('already holds other data');
    },
  );

  it('replacing what a store held leaves a store that can be moved and compared', async () => {
    const dir = folder();
    const fixture = buildLegacyFinanceDb(join(dir, 'finance.db'), 'base', 20);
    const to = parseStoreTarget(await target());
    const store = await openStore(to);
    await store.addTransaction({ date: '2026-01-01', description: 'Replaced by the import', amountPence: 1 });
    await store.close();
    await importLegacy({ source: fixture.path, target: to, replace: true });
    expect(await verifyStores(to, to)).toMatchObject({ ok: true });
  });

  it('leaves the target as it was when cancelled part way (rule 9)', async () => {
    const dir = folder();
    const fixture = buildLegacyFinanceDb(join(dir, 'finance.db'), 'base', 12_000);
    const to = parseStoreTarget(await target());
    const store = await openStore(to);
    const before = await store.fingerprints();
    const controller = new AbortController();
    await expect(
      importLegacy({
        source: fixture.path,
        target: to,
        signal: controller.signal,
        onProgress: (p) => p.table === 'transactions' && controller.abort(),
      }),
    ).rejects.toThrow('Cancelled; the target is as it was.');
    expect(await store.fingerprints()).toEqual(before);
    await store.close();
  });
});

describe('the source as its own target', () => {
  it('is refused before either is opened, however the path is spelled', async () => {
    const dir = folder();
    const fixture = buildLegacyFinanceDb(join(dir, 'finance.db'), 'base', 20);
    mkdirSync(join(dir, 'sub'));
    symlinkSync(fixture.path, join(dir, 'link.db'));
    linkSync(fixture.path, join(dir, 'hard-link.db'));
    const before = sha(fixture.path);
    for (const spelling of [
      fixture.path,
      join(dir, 'sub', '..', 'finance.db'),
      join(dir, 'link.db'),
      join(dir, 'hard-link.db'),
    ]) {
      const error = (await importLegacy({ source: fixture.path, target: parseStoreTarget(spelling) }).catch(
        (e: unknown) => e,
      )) as AppError;
      expect(error, spelling).toBeInstanceOf(AppError);
      expect(error.message).toContain("is both the old app's database to import and the store to import into");
      expect(error.code).toBe('invalid_input');
    }
    expect(sha(fixture.path)).toBe(before);
    expect(readdirSync(dir).sort()).toEqual(['finance.db', 'hard-link.db', 'link.db', 'sub']);
  });
});
