// Forms and filters as a person meets them: a message says what is wrong in
// plain words (never the program's name for the field), sits beside what it
// is about, and goes as soon as that is changed; a range that ends before it
// starts is said so instead of answering with nothing.
import { expect, test } from './fixtures.js';

test('Settings → Security: a short passphrase is refused in words, beside the field, and the message goes once it is changed', async ({
  page,
  shot,
}) => {
  test.skip(Boolean(process.env.DBUS_SESSION_BUS_ADDRESS), 'needs a session without a Secret Service');
  await page.getByRole('link', { name: 'Settings' }).click();
  const security = page.getByRole('region', { name: 'Security' });
  const passphrase = security.getByLabel('Passphrase', { exact: true });
  await passphrase.fill('short');
  await security.getByLabel('Passphrase again').fill('short');
  await security.getByRole('button', { name: 'Create key file' }).click();
  const alert = security.getByRole('alert');
  await expect(alert).toHaveText('A passphrase needs at least 8 characters');
  await expect(passphrase).toHaveAttribute('aria-invalid', 'true');
  await expect(passphrase).toHaveAccessibleDescription('A passphrase needs at least 8 characters');
  await shot('forms-01-short-passphrase');
  await passphrase.fill('short but longer');
  await expect(security).not.toContainText('A passphrase needs');
  await expect(passphrase).not.toHaveAttribute('aria-invalid');
  await expect(security).not.toContainText('passphrase:');
});

test('Add transaction refuses £0.00 beside the amount, the message goes as the amount changes, and nothing is written', async ({
  page,
  store,
  shot,
}) => {
  const before = await store.countTransactions({});
  await page.getByRole('link', { name: 'Transactions' }).click();
  await page.getByRole('button', { name: 'Add transaction' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add transaction' });
  await dialog.getByLabel('Description').fill('Nothing at all');
  const amount = dialog.getByLabel('Amount (£)');
  await amount.fill('0.00');
  await dialog.getByRole('button', { name: 'Add transaction' }).click();
  await expect(amount).toHaveAccessibleDescription('Enter an amount other than £0.00');
  await shot('forms-02-zero-amount');
  await amount.fill('0.01');
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await dialog.getByLabel('Description').fill('');
  await dialog.getByRole('button', { name: 'Add transaction' }).click();
  await expect(dialog.getByLabel('Description')).toHaveAccessibleDescription('A transaction needs a description');
  await dialog.getByLabel('Description').fill('x');
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect(await store.countTransactions({})).toBe(before);
});

test('a date range that ends before it starts is said so beside the dates, not answered with no rows', async ({
  page,
  shot,
}) => {
  await page.getByRole('link', { name: 'Transactions' }).click();
  const rows = page.getByRole('row').filter({ has: page.getByRole('gridcell') });
  await expect(rows.first()).toBeVisible();
  await page.getByLabel('Date from').fill('2022-06-01');
  await page.getByLabel('Date to').fill('2022-05-01');
  await expect(page.getByLabel('Date to')).toHaveAccessibleDescription('The end date is before the start date');
  await expect(page.getByText('Nothing to show until the filters above make sense.')).toBeVisible();
  await expect(rows).toHaveCount(0);
  await shot('forms-03-reversed-dates');
  await page.getByLabel('Date to').fill('2022-06-30');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(rows.first()).toBeVisible();

  await page.getByLabel('Min amount (£)').fill('-10');
  await page.getByLabel('Max amount (£)').fill('-20');
  await expect(page.getByLabel('Max amount (£)')).toHaveAccessibleDescription(
    'The largest amount is below the smallest',
  );
  await expect(rows).toHaveCount(0);

  await page.getByRole('link', { name: 'Dashboard' }).click();
  await page.getByRole('combobox', { name: 'Period' }).selectOption({ label: 'Custom dates' });
  await page.getByLabel('From', { exact: true }).fill('2022-06-01');
  await page.getByLabel('To', { exact: true }).fill('2022-01-01');
  await expect(page.getByLabel('To', { exact: true })).toHaveAccessibleDescription(
    'The end date is before the start date',
  );
  await expect(page.getByText('Choose dates that run forwards to see totals.')).toBeVisible();
  await shot('forms-04-dashboard-reversed-dates');
});
