// The Rules page: a bad pattern is refused at its field; a new rule goes first,
// its preview says what would change, apply changes exactly that, and undo
// puts it back.
import { sql } from 'drizzle-orm';
import { expect, test } from './fixtures.js';

test('create a rule, preview, apply and undo it', async ({ page, store, shot }) => {
  await store.bulkInsert([
    {
      table: 'transactions',
      rows: [
        { date: '2026-10-30', description: 'ZORKMID EMPORIUM 1', amount: -4200, category: null },
        { date: '2026-10-30', description: 'ZORKMID EMPORIUM 2', amount: -1999, category: null },
      ],
    },
  ]);
  const zorkmid = async () =>
    (await store.query(sql`SELECT category FROM transactions WHERE description LIKE 'ZORKMID%' ORDER BY id`)).map(
      (r) => r.category ?? null,
    );

  await page.getByRole('link', { name: 'Rules', exact: true }).click();
  const notice = page.getByRole('region', { name: 'Rules', exact: true }).getByRole('status');
  await expect(page.getByRole('heading', { name: 'Rules', exact: true })).toBeVisible();
  const form = page.getByRole('form', { name: 'Add a rule' });
  await form.getByLabel('Operator').selectOption('matches');
  await form.getByLabel('Text').fill('(zorkmid');
  await form.getByLabel('Put in category').selectOption('Shopping');
  await form.getByRole('button', { name: 'Add rule' }).click();
  await expect(form.getByRole('alert')).toContainText('Not a pattern Spending can use');
  await expect(form.getByLabel('Text')).toHaveAttribute('aria-invalid', 'true');

  await form.getByLabel('Operator').selectOption('contains');
  await expect(form.getByRole('alert')).toHaveCount(0);
  await form.getByLabel('Text').fill('zorkmid');
  await form.getByRole('button', { name: 'Add rule' }).click();
  await expect(notice).toHaveText('Added a rule, tried first.');
  const list = page.getByRole('list', { name: 'Rules, first tried first' });
  await expect(list.getByRole('listitem').first()).toContainText('contains “zorkmid” → category Shopping');

  const expected = await store.rules.preview({ scope: { kind: 'uncategorised' } });
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  const preview = page.getByRole('region', { name: 'Preview' });
  await expect(preview).toContainText(`${expected.changed.toLocaleString('en-GB')} transactions of`);
  const shopping = expected.groups.find((g) => g.to === 'Shopping')!;
  await expect(preview).toContainText(`Uncategorised → Shopping: ${shopping.count.toLocaleString('en-GB')}`);
  await expect(preview).toContainText(shopping.sample[0]!.description);
  await shot('rules-01-preview');
  expect(await zorkmid()).toEqual([null, null]);

  await page.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(notice).toHaveText(`Changed ${expected.changed.toLocaleString('en-GB')} transactions.`);
  expect(await zorkmid()).toEqual(['Shopping', 'Shopping']);
  await expect(page.getByRole('list', { name: 'Latest applies' }).getByRole('listitem')).toHaveCount(1);
  await shot('rules-02-applied');

  await page.getByRole('button', { name: 'Undo last apply' }).click();
  await expect(notice).toHaveText(`Put back ${expected.changed.toLocaleString('en-GB')} transactions.`);
  expect(await zorkmid()).toEqual([null, null]);

  // Order by keyboard: the new rule moves down below the first built-in one.
  await list.getByRole('button', { name: /^Move down: .*zorkmid/ }).press('Enter');
  await expect(list.getByRole('listitem').nth(1)).toContainText('zorkmid');
  expect((await store.rules.list())[1]?.conditions).toMatchObject([{ values: ['zorkmid'] }]);
});
