// `spending list --huququllah CLASS`, through the CLI's entry point on both dialects.
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../e2e/support/run-cli.js';
import { storeTargets } from '../../e2e/support/test-databases.js';
import { openStore } from '../../db/open-store.js';

describe.each(storeTargets)('spending list --huququllah on $dialect', ({ target }) => {
  let db: string;
  const descriptions = async (value: string) => {
    const { stdout } = await cli('--db', db, '--json', 'list', '--huququllah', value);
    return (JSON.parse(stdout) as { items: { description: string }[] }).items.map((t) => t.description);
  };

  beforeAll(async () => {
    db = await target();
    const store = await openStore(db);
    const row = (date: string, description: string, amount: number, huququllah_classification: string | null) => ({
      date,
      description,
      amount,
      category: null,
      huququllah_classification,
    });
    await store.bulkInsert([
      {
        table: 'transactions',
        rows: [
          row('2025-01-05', 'RENT', -80000, 'essential'),
          row('2025-01-06', 'CINEMA', -1234, 'discretionary'),
          row('2025-02-08', 'SNACK', -350, null),
          row('2025-02-09', 'SALARY', 250000, null),
        ],
      },
    ]);
    await store.close();
  });

  it('lists only the class asked for, and unclassified expenses without income', async () => {
    expect(await descriptions('essential')).toEqual(['RENT']);
    expect(await descriptions('discretionary')).toEqual(['CINEMA']);
    expect(await descriptions('unclassified')).toEqual(['SNACK']);
  });

  it('refuses a class that does not exist, naming the choices', async () => {
    const refused = await cli('--db', db, 'list', '--huququllah', 'luxury');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('essential, discretionary, unclassified');
  });
});
