import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TrueLayerEmulator } from './index.js';
import * as t from './test-support.js';

let emu: TrueLayerEmulator;
beforeEach(async () => {
  emu = await t.start();
});
afterEach(() => emu.close());

const ids = (emu: TrueLayerEmulator, username = 'john') => {
  const [current, savings, card] = emu.bank.accounts(username).map((a) => a.accountId);
  return { current: current!, savings: savings!, card: card! };
};

describe('data endpoints', () => {
  it('serves deep history and /info only within 5 minutes of the login (SCA)', async () => {
    const { access_token: token } = await t.connect(emu);
    const deep = `/accounts/${ids(emu).current}/transactions?from=2024-01-01`;
    emu.clock.advance({ minutes: 5 });
    expect((await t.getData(emu, deep, token)).status).toBe(200);
    expect((await t.getData(emu, '/info', token)).status).toBe(200);
    emu.clock.advance({ seconds: 1 });
    await t.expectError(t.getData(emu, deep, token), 403, 'sca_exceeded');
    await t.expectError(t.getData(emu, '/info', token), 403, 'sca_exceeded');
    const recent = await t.results(await t.getData(emu, `/accounts/${ids(emu).current}/transactions`, token));
    expect(recent.every((tx) => String(tx.timestamp) >= '2025-12-06')).toBe(true);
    expect((await t.getData(emu, `/accounts/${ids(emu).current}/transactions?from=2025-12-06`, token)).status).toBe(
      200,
    );
  });

  it('refuses endpoints whose scope was not granted', async () => {
    const { access_token: token } = await t.connect(emu, t.JOHN, { scope: 'accounts offline_access' });
    expect((await t.getData(emu, '/accounts', token)).status).toBe(200);
    const cards = await t.expectError(t.getData(emu, '/cards', token), 403, 'access_denied');
    expect(cards.error_description).toContain('"cards"');
    const txs = await t.expectError(
      t.getData(emu, `/accounts/${ids(emu).current}/transactions`, token),
      403,
      'access_denied',
    );
    expect(txs.error_description).toContain('"transactions"');
  });

  it('fails every data call of an error.<code> login with that code', async () => {
    const expected = {
      wrong_credentials: 401,
      account_permanently_locked: 403,
      account_temporarily_locked: 403,
      user_input_required: 403,
      internal_error: 500,
      provider_error: 503,
    };
    for (const [code, status] of Object.entries(expected)) {
      const { access_token } = await t.connect(emu, { username: `error.${code}`, password: 'error' });
      await t.expectError(t.getData(emu, '/accounts', access_token), status, code);
      await t.expectError(t.getData(emu, '/me', access_token), status, code);
    }
    await expect(emu.authorize(t.authLink(emu), { username: 'error.nonsense', password: 'error' })).rejects.toThrow();
  });

  it('shapes cards, balances, pending and per-account extras like the provider', async () => {
    const { access_token: token } = await t.connect(emu);
    const { current, savings, card } = ids(emu);
    const [cardJson] = await t.results(await t.getData(emu, '/cards', token));
    expect(cardJson).toMatchObject({
      account_id: card,
      card_network: 'VISA',
      partial_card_number: expect.any(String) as unknown,
    });
    const cardTxs = await t.results(await t.getData(emu, `/cards/${card}/transactions?from=2024-01-01`, token));
    for (const tx of cardTxs) {
      expect(tx.normalised_provider_transaction_id).toBeUndefined();
      expect(tx.provider_transaction_id).toBeTruthy();
      expect(tx.running_balance).toBeUndefined();
      expect((tx.amount as number) > 0).toBe(tx.transaction_type === 'DEBIT');
    }
    const savingsTxs = await t.results(
      await t.getData(emu, `/accounts/${savings}/transactions?from=2024-01-01`, token),
    );
    expect(savingsTxs.every((tx) => tx.running_balance === undefined && tx.meta !== undefined)).toBe(true);
    const [balance] = await t.results(await t.getData(emu, `/accounts/${current}/balance`, token));
    expect(Object.keys(balance!)).toEqual(
      expect.arrayContaining(['current', 'available', 'overdraft', 'update_timestamp']),
    );
    const pending = await t.results(await t.getData(emu, `/accounts/${current}/transactions/pending`, token));
    expect(pending).toHaveLength(2);
    expect(pending.every((tx) => String(tx.timestamp) >= '2026-03-04')).toBe(true);
    expect(await t.results(await t.getData(emu, `/accounts/${current}/standing_orders`, token))).toHaveLength(1);
    expect(await t.results(await t.getData(emu, `/accounts/${current}/direct_debits`, token))).toHaveLength(2);
    await t.expectError(t.getData(emu, `/accounts/${savings}/standing_orders`, token), 501, 'endpoint_not_supported');
    await t.expectError(t.getData(emu, `/accounts/${savings}/direct_debits`, token), 501, 'endpoint_not_supported');
  });

  it('validates dates and account ids', async () => {
    const { access_token: token } = await t.connect(emu);
    const base = `/accounts/${ids(emu).current}/transactions`;
    await t.expectError(t.getData(emu, `${base}?from=2026-02-30`, token), 400, 'validation_error');
    await t.expectError(t.getData(emu, `${base}?from=yesterday`, token), 400, 'validation_error');
    await t.expectError(t.getData(emu, `${base}?from=2026-03-02&to=2026-03-01`, token), 400, 'invalid_date_range');
    await t.expectError(t.getData(emu, '/accounts/nope', token), 404, 'account_not_found');
    await t.expectError(t.getData(emu, `/accounts/${ids(emu).card}`, token), 404, 'account_not_found');
    await t.expectError(t.getData(emu, `/accounts/${ids(emu, 'john2').current}`, token), 404, 'account_not_found');
  });

  it('gives each username its own data, the same for the same seed', async () => {
    const other = await t.start();
    try {
      expect(other.bank.accounts('john')).toEqual(emu.bank.accounts('john'));
      expect(emu.bank.accounts('john1')[0]!.accountId).not.toBe(emu.bank.accounts('john')[0]!.accountId);
    } finally {
      await other.close();
    }
  });
});
