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

test('the editor counts the matches as you type, and says at the field when a pattern is no pattern', async ({
  page,
  store,
  shot,
}) => {
  await store.bulkInsert([
    {
      table: 'transactions',
      rows: ['FROBOZZ HARDWARE 1', 'FROBOZZ HARDWARE 2', 'FROBOZZ MAGIC CO'].map((description, i) => ({
        date: `2026-10-2${i}`,
        description,
        amount: -1000 - i,
        category: i === 2 ? 'Shopping' : null,
      })),
    },
  ]);
  await page.setViewportSize({ width: 880, height: 800 });
  await page.getByRole('link', { name: 'Rules', exact: true }).click();
  const form = page.getByRole('form', { name: 'Add a rule' });
  const live = form.getByRole('region', { name: 'Matches as you type' });

  // Keyboard only: Tab from the operator to the text, then type.
  await form.getByLabel('Operator').focus();
  await page.keyboard.press('Tab');
  await expect(form.getByLabel('Text')).toBeFocused();
  await page.keyboard.type('frobozz');
  await expect(live).toContainText('Matches 3 transactions');
  await expect(live.getByRole('listitem')).toHaveCount(3);
  await expect(live).toContainText('FROBOZZ MAGIC CO');
  await page.keyboard.type(' hardware');
  await expect(live).toContainText('Matches 2 transactions');
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await shot(`rules-03-live-count-880-${theme}`);
  }

  await form.getByLabel('Operator').selectOption('matches');
  await form.getByLabel('Text').fill('frobozz (');
  await expect(form.getByRole('alert')).toContainText('Not a pattern Spending can use');
  await expect(form.getByLabel('Text')).toHaveAttribute('aria-invalid', 'true');
  await expect(live).not.toContainText('Matches');
  await shot('rules-04-live-error-880-dark');
  await form.getByLabel('Text').fill('^frobozz h');
  await expect(form.getByRole('alert')).toHaveCount(0);
  await expect(live).toContainText('Matches 2 transactions');
});

test('a suggested rule from the uncategorised transactions is one click away, with its likely category', async ({
  page,
  store,
  shot,
}) => {
  const quux = (i: number, category: string | null) => ({
    date: '2026-10-25',
    description: `QUUXCORP SUPPLIES ${i}`,
    amount: -500 - i,
    category,
  });
  await store.bulkInsert([
    {
      table: 'transactions',
      rows: [
        ...Array.from({ length: 40 }, (_, i) => quux(i, null)),
        ...Array.from({ length: 3 }, (_, i) => quux(100 + i, 'Health')),
      ],
    },
  ]);
  const expected = (await store.rules.suggest()).find((s) => s.value === 'quuxcorp')!;
  expect(expected).toMatchObject({ count: 40, category: 'Health' });

  await page.getByRole('link', { name: 'Rules', exact: true }).click();
  await page.getByRole('button', { name: 'Suggested rules from your uncategorised transactions' }).click();
  const item = page
    .getByRole('list', { name: 'Suggested rules' })
    .getByRole('listitem')
    .filter({ hasText: 'description or merchant contains “quuxcorp”' });
  await expect(item).toContainText('40 uncategorised, likely Health (100 % of those already sorted)');
  await expect(item).toContainText(expected.sample[0]!.description);
  await expect(item.getByLabel('Category for description or merchant contains “quuxcorp”')).toHaveValue('Health');
  await shot('rules-05-suggestions');
  await item.getByRole('button', { name: 'Make a rule: description or merchant contains “quuxcorp”' }).click();
  await expect(page.getByRole('region', { name: 'Rules', exact: true }).getByRole('status')).toContainText(
    'Added a rule: description or merchant contains “quuxcorp” → Health.',
  );
  const [first] = await store.rules.list();
  expect(first).toMatchObject({ setCategory: 'Health', conditions: [expected.condition] });
  expect((await store.rules.preview()).byCategory['Uncategorised -> Health']).toBeGreaterThanOrEqual(40);
});
