// Linking a bank through TrueLayer, end to end in Chromium against real
// services and the TrueLayer emulator: the credentials in Settings → Bank
// linking, Link bank on the Accounts page, the bank's login and consent pages
// in a second page of the same browser (the "system browser"), and the
// spending:// link its redirect carries, handed to the app as the OS would.
// Then the answers that must be refused, a consent the bank withdrew and a
// disconnect: none of them may lose a synced transaction. Runs once, on the
// SQLite project: the page does not depend on the store's dialect.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator } from '@playwright/test';
import { startTrueLayerEmulator, type TrueLayerEmulator } from './truelayer-emulator/index.js';
import { expect, test as base, type Page } from './fixtures.js';

const CLIENT = {
  clientId: 'spending-e2e',
  clientSecret: 'e2e-client-secret-7c1d',
  redirectUris: ['spending://truelayer/callback'],
};
/** Added to the mock bank before linking, so the pages can be checked to the penny. */
const BALANCE = { current: 1234.56, available: 1734.56 };
const PENDING = { description: 'CORNER SHOP PENDING', amount: -4.2 };
/** One of the emulator's own statement lines; the current account has plenty. */
const KNOWN_DESCRIPTION = 'SALARY ACME LTD';

const test = base.extend<{ emulator: TrueLayerEmulator }>({
  // Playwright reads a fixture's dependencies from its first parameter, so this one takes an empty pattern.
  // eslint-disable-next-line no-empty-pattern
  emulator: async ({}, use) => {
    const emulator = await startTrueLayerEmulator({ clients: [CLIENT] });
    await use(emulator);
    await emulator.close();
  },
});

test.skip(({ storeKind }) => storeKind !== 'sqlite', 'bank linking is tested once, on the SQLite project');

/** The main navigation's link: the Accounts page links to Settings too. */
function nav(page: Page, name: string): Locator {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });
}

function linkedBanks(page: Page): Locator {
  return page.getByRole('region', { name: 'Linked banks' });
}

function bankCard(page: Page): Locator {
  return linkedBanks(page).getByRole('article', { name: 'Mock UK Bank' });
}

/** Like the `shot` fixture, for a page other than the app's (the bank's, in "the system browser"). */
async function shotOf(page: Page, name: string): Promise<void> {
  const dir = join('e2e', 'artifacts', test.info().project.name);
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`) });
}

/** Settings → Security, as e2e/settings.ui.spec.ts does it: there is no OS keychain here, and the client secret needs one. */
async function createKeyFile(page: Page): Promise<void> {
  await nav(page, 'Settings').click();
  const security = page.getByRole('region', { name: 'Security' });
  await security.getByLabel('Passphrase', { exact: true }).fill('a long passphrase');
  await security.getByLabel('Passphrase again').fill('a long passphrase');
  await security.getByRole('button', { name: 'Create key file' }).click();
  await expect(security).toContainText('Working');
}

/** Settings → Bank linking: the emulator's client, its addresses, and the spending:// redirect. */
async function configureBankLinking(page: Page, emulator: TrueLayerEmulator, shot?: (name: string) => Promise<void>) {
  await createKeyFile(page);
  const settings = page.getByRole('region', { name: 'Bank linking (TrueLayer)' });
  await settings.getByLabel('Client id').fill(CLIENT.clientId);
  await settings.getByLabel('Client secret').fill(CLIENT.clientSecret);
  await settings.getByRole('radio', { name: 'Custom' }).check();
  await settings.getByLabel('Auth address').fill(emulator.authUrl);
  await settings.getByLabel('Data address').fill(emulator.dataUrl);
  await settings.getByLabel('API address').fill(emulator.apiUrl);
  await settings.getByRole('radio', { name: 'Spending link' }).check();
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(settings.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await expect(settings.getByText('Saved in the keychain')).toBeVisible();
  await expect(settings.getByLabel('Client secret')).toHaveValue('');
  const instructions = settings.getByRole('group', { name: 'Register the redirect address' });
  await expect(instructions).toContainText(
    'In TrueLayer Console → your app → Settings → Allowed redirect URIs, add exactly:',
  );
  await expect(instructions.getByText('spending://truelayer/callback', { exact: true })).toBeVisible();
  await expect(page.locator('body')).not.toContainText(CLIENT.clientSecret);
  if (shot) {
    await settings.getByRole('heading', { name: 'Bank linking (TrueLayer)' }).scrollIntoViewIfNeeded();
    await shot('bank-01a-settings-credentials');
    await instructions.scrollIntoViewIfNeeded();
    await shot('bank-01b-settings-redirect');
  }
}

/**
 * Link bank, then the bank's pages in a new page of the same browser, as
 * john / doe; returns the spending:// link the consent's redirect carried,
 * once the app has taken it as the OS would hand it over.
 */
async function linkMockBank(
  page: Page,
  deps: { systemBrowser: { opened: string[] }; bank: { deliverDeepLink(url: string): Promise<void> } },
  shot?: (name: string) => Promise<void>,
  /** 'paste': the user copies the address into the app instead of the OS handing it over. */
  deliver: 'os' | 'paste' = 'os',
): Promise<string> {
  const opened = deps.systemBrowser.opened.length;
  await nav(page, 'Accounts').click();
  const banks = linkedBanks(page);
  await banks.getByRole('button', { name: 'Link bank' }).click();
  const panel = banks.getByRole('group', { name: 'Linking a bank' });
  await expect(panel.getByRole('status')).toHaveText('Log in to your bank in the browser window that opened…');
  await expect(banks.getByRole('button', { name: 'Link bank' })).toBeDisabled();
  await expect.poll(() => deps.systemBrowser.opened.length).toBe(opened + 1);
  if (shot) await shot('bank-02-waiting');

  const authLink = deps.systemBrowser.opened.at(-1)!;
  const browser = await page.context().newPage();
  try {
    await browser.goto(authLink);
    await browser.getByLabel('Username').fill('john');
    await browser.getByLabel('Password').fill('doe');
    if (shot) await shotOf(browser, 'bank-03-emulator-login');
    await browser.getByRole('button', { name: 'Log in' }).click();
    await expect(browser.getByRole('heading', { name: `Allow ${CLIENT.clientId} to see your data?` })).toBeVisible();
    if (shot) await shotOf(browser, 'bank-04-emulator-consent');
    const answer = browser.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/consent',
    );
    await browser.getByRole('button', { name: 'Allow' }).click();
    const response = await answer;
    expect(response.status()).toBe(302);
    const location = response.headers().location ?? '';
    expect(location).toMatch(/^spending:\/\/truelayer\/callback\?.*code=.*state=/);
    if (deliver === 'os') {
      await deps.bank.deliverDeepLink(location);
    } else {
      await panel.getByLabel('Paste the address instead').fill(location);
      await panel.getByRole('button', { name: 'Use this address' }).click();
    }
    return location;
  } finally {
    await browser.close();
  }
}

test('link the mock bank through the system browser and a spending:// link: accounts, balances, pending, transactions', async ({
  page,
  store,
  systemBrowser,
  bank,
  emulator,
  shot,
}) => {
  // The whole journey (configure, link in a second browser, two syncs, the ledger) on a busy 2-core machine.
  test.slow();
  const [current, saver, card] = emulator.bank.accounts('john');
  expect([current?.kind, saver?.kind, card?.kind]).toEqual(['account', 'account', 'card']);
  emulator.bank.setBalance(current!.accountId, BALANCE);
  emulator.bank.addPending(current!.accountId, {
    timestamp: new Date().toISOString().slice(0, 10),
    description: PENDING.description,
    amount: PENDING.amount,
    transactionType: 'DEBIT',
  });
  const before = await store.countTransactions({});

  await configureBankLinking(page, emulator, shot);
  await linkMockBank(page, { systemBrowser, bank }, shot);

  const inserted = (await store.countTransactions({})) - before;
  expect(inserted).toBeGreaterThan(0);
  expect(await store.countTransactions({ search: KNOWN_DESCRIPTION })).toBeGreaterThan(0);
  const linked = linkedBanks(page).getByRole('status', { name: 'Bank linked' });
  await expect(linked).toContainText(
    `Mock UK Bank is linked: 3 accounts, ${inserted.toLocaleString('en-GB')} new transactions`,
  );

  const mock = bankCard(page);
  await expect(mock.getByText('Active', { exact: true })).toBeVisible();
  await expect(mock).toContainText('Last synced');
  const accounts = mock.getByRole('list', { name: 'Accounts at Mock UK Bank' }).getByRole('listitem');
  await expect(accounts).toHaveCount(3);
  for (const account of [current!, saver!, card!]) {
    const item = accounts.filter({ has: page.getByRole('heading', { name: account.displayName, exact: true }) });
    await expect(item.locator('.badge')).toHaveText(account.kind === 'card' ? 'Card' : 'Account');
    await expect(item).toContainText(/Balance£-?[\d,]+\.\d\d/);
    await expect(item).toContainText(/Transactions synced\d+/);
  }
  const currentItem = page.getByRole('listitem', { name: current!.displayName });
  await expect(currentItem).toContainText('Balance£1,234.56');
  await expect(currentItem).toContainText('Available£1,734.56');
  const pending = currentItem.getByRole('table', { name: 'Pending' });
  await expect(pending.getByRole('row').filter({ hasText: PENDING.description })).toContainText('-£4.20');
  await currentItem.scrollIntoViewIfNeeded();
  await shot('bank-05-linked');

  await currentItem.getByRole('button', { name: 'Balance history' }).click();
  const chart = currentItem.getByRole('figure');
  // The caption tells what the (hidden from screen readers) plot draws.
  const caption = chart.locator('figcaption');
  await expect(caption).toContainText('£1,234.56 on');

  // A later sync: nothing new to insert, one more balance reading, a record the bank garbled, and its counts told.
  emulator.bank.setBalance(current!.accountId, { current: 1300, available: 1800 });
  emulator.bank.addVerbatimTransaction(current!.accountId, {
    timestamp: 'yesterday',
    description: 'GARBLED',
    amount: 1,
  });
  await mock.getByRole('button', { name: 'Sync now' }).click();
  await expect(mock.getByRole('status').filter({ hasText: /^Synced 3 accounts: / })).toHaveText(
    /^Synced 3 accounts: 0 new transactions, (\d+ updated, )?7 pending\. 1 transaction the bank sent could not be read: kept in the sync log \(spending bank log\), not in your transactions\.$/,
  );
  expect(await store.countTransactions({})).toBe(before + inserted);
  await expect(currentItem).toContainText('Balance£1,300.00');
  await expect(caption).toHaveText(/^From £1,234\.56 on .* to £1,300\.00 on .*, 2 readings\.$/);
  await expect(chart.locator('.recharts-line-dots circle')).toHaveCount(2);
  await chart.scrollIntoViewIfNeeded();
  await shot('bank-06-balance-history');

  // The ledger has them too, categorised and searchable like any other transaction.
  await nav(page, 'Transactions').click();
  await page.getByLabel('Search transactions').fill(KNOWN_DESCRIPTION);
  const rows = page.getByRole('row').filter({ has: page.getByRole('gridcell') });
  await expect(rows.first()).toContainText(KNOWN_DESCRIPTION);
  await shot('bank-07-transactions');
});

test('a replayed or forged spending:// link is refused and links nothing', async ({
  page,
  systemBrowser,
  bank,
  emulator,
  shot,
}) => {
  await configureBankLinking(page, emulator);
  const location = await linkMockBank(page, { systemBrowser, bank });
  const banks = linkedBanks(page);
  await expect(banks.getByRole('status', { name: 'Bank linked' })).toBeVisible();

  // The same answer again: its state was used up by the first.
  await bank.deliverDeepLink(location);
  const refusal = banks.getByRole('alert');
  await expect(refusal).toContainText('The bank was not linked.');
  await expect(refusal).toContainText('This answer does not belong to a link Spending started (or it expired).');
  await expect(banks.getByRole('article')).toHaveCount(1);
  expect(emulator.connections()).toHaveLength(1);
  await shot('bank-08-replay-refused');

  await banks.getByRole('button', { name: 'Dismiss' }).click();
  await expect(refusal).toBeHidden();
  // A state Spending never issued, with a code that looks real.
  await bank.deliverDeepLink('spending://truelayer/callback?code=0123456789abcdef0123456789abcdef&state=forged-state');
  await expect(refusal).toContainText('This answer does not belong to a link Spending started (or it expired).');
  await expect(banks.getByRole('article')).toHaveCount(1);
  expect(emulator.connections()).toHaveLength(1);
  expect(systemBrowser.opened).toHaveLength(1);
});

test('pasting the address by hand links the bank; an address that is not an answer is refused', async ({
  page,
  store,
  systemBrowser,
  bank,
  emulator,
}) => {
  await configureBankLinking(page, emulator);
  const banks = linkedBanks(page);
  await nav(page, 'Accounts').click();
  await banks.getByRole('button', { name: 'Link bank' }).click();
  const panel = banks.getByRole('group', { name: 'Linking a bank' });
  await panel.getByLabel('Paste the address instead').fill('https://example.com/not-an-answer');
  await panel.getByRole('button', { name: 'Use this address' }).click();
  await expect(banks.getByRole('alert')).toContainText('That is not a TrueLayer redirect.');
  await banks.getByRole('button', { name: 'Dismiss' }).click();

  const before = await store.countTransactions({});
  await linkMockBank(page, { systemBrowser, bank }, undefined, 'paste');
  await expect(banks.getByRole('status', { name: 'Bank linked' })).toContainText('Mock UK Bank is linked: 3 accounts');
  expect(await store.countTransactions({})).toBeGreaterThan(before);
  expect(emulator.connections()).toHaveLength(1);
});

test('consent withdrawn at the bank: Sync now asks for a reconnect and keeps every transaction', async ({
  page,
  store,
  systemBrowser,
  bank,
  emulator,
  shot,
}) => {
  await configureBankLinking(page, emulator);
  await linkMockBank(page, { systemBrowser, bank });
  const mock = bankCard(page);
  await expect(mock.getByText('Active', { exact: true })).toBeVisible();
  const kept = await store.countTransactions({});

  // A bank that does not answer: the sync shows where it is and can be cancelled, losing nothing.
  emulator.injectFault({ kind: 'slow', ms: 120_000, match: { path: /\/balance$/ } });
  await mock.getByRole('button', { name: 'Sync now' }).click();
  await expect(mock.getByRole('status').filter({ hasText: /^Syncing / })).toHaveText(
    /^Syncing Current Account \(1 of 3\), /,
  );
  await mock.scrollIntoViewIfNeeded();
  await shot('bank-08b-sync-running');
  await mock.getByRole('button', { name: 'Cancel sync' }).click();
  await expect(mock.getByRole('alert')).toContainText('Sync cancelled; everything synced before it stopped is kept.');
  await expect(mock.getByText('Active', { exact: true })).toBeVisible();
  await expect(mock.getByRole('button', { name: 'Sync now' })).toBeEnabled();
  expect(await store.countTransactions({})).toBe(kept);
  emulator.clearFaults();

  emulator.injectFault({ kind: 'revoke', match: { server: 'data' } });
  await mock.getByRole('button', { name: 'Sync now' }).click();
  await expect(mock.getByRole('alert')).toContainText('Mock UK Bank needs you to log in again');
  await expect(mock.getByText('Needs reconnect', { exact: true })).toBeVisible();
  await expect(mock.getByRole('button', { name: 'Sync now' })).toBeHidden();
  expect(await store.countTransactions({})).toBe(kept);
  await expect(mock.getByRole('listitem')).toHaveCount(3);
  await mock.scrollIntoViewIfNeeded();
  await shot('bank-09-needs-reconnect');

  // Reconnect starts a link for this bank; cancelling it leaves things as they were.
  await mock.getByRole('button', { name: 'Reconnect' }).click();
  const panel = linkedBanks(page).getByRole('group', { name: 'Linking a bank' });
  await expect(panel.getByRole('status')).toHaveText(
    'Reconnecting Mock UK Bank. Log in to your bank in the browser window that opened…',
  );
  await expect.poll(() => systemBrowser.opened.length).toBe(2);
  await panel.getByRole('button', { name: 'Cancel' }).click();
  await expect(panel).toBeHidden();
  await expect(mock.getByRole('button', { name: 'Reconnect' })).toBeEnabled();
});

test('disconnect: TrueLayer is told, the bank shows Disconnected, the transactions stay', async ({
  page,
  store,
  systemBrowser,
  bank,
  emulator,
  shot,
}) => {
  await configureBankLinking(page, emulator);
  await linkMockBank(page, { systemBrowser, bank });
  const mock = bankCard(page);
  await expect(mock.getByText('Active', { exact: true })).toBeVisible();
  const kept = await store.countTransactions({});

  await mock.getByRole('button', { name: 'Disconnect' }).click();
  const dialog = page.getByRole('dialog', { name: 'Disconnect Mock UK Bank?' });
  await expect(dialog).toContainText(
    'Spending will stop syncing this bank and TrueLayer revokes access. Transactions already synced stay.',
  );
  await dialog.getByRole('button', { name: 'Disconnect' }).click();
  await expect(dialog).toBeHidden();
  await expect(mock.getByText('Disconnected', { exact: true })).toBeVisible();
  await expect(mock.getByRole('button', { name: 'Sync now' })).toBeHidden();
  expect(emulator.requests().some((r) => r.method === 'DELETE' && r.path === '/api/delete')).toBe(true);
  expect(await store.countTransactions({})).toBe(kept);
  await mock.scrollIntoViewIfNeeded();
  await shot('bank-10-disconnected');
});

test('without a client id and secret, Link bank explains and points to Settings → Bank linking', async ({
  page,
  systemBrowser,
  shot,
}) => {
  await nav(page, 'Accounts').click();
  const banks = linkedBanks(page);
  await expect(banks).toContainText('No banks linked yet.');
  await banks.getByRole('button', { name: 'Link bank' }).click();
  await expect(banks).toContainText('Spending needs your TrueLayer client id and client secret');
  expect(systemBrowser.opened).toHaveLength(0);
  await shot('bank-11-needs-settings');
  await banks.getByRole('link', { name: 'Settings → Bank linking' }).click();
  await expect(page.getByRole('heading', { name: 'Bank linking (TrueLayer)' })).toBeFocused();
});
