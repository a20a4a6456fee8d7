import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TrueLayerEmulator } from './index.js';
import * as t from './test-support.js';

let emu: TrueLayerEmulator;
let token: string;
let current: string;
beforeEach(async () => {
  emu = await t.start();
  token = (await t.connect(emu)).access_token;
  current = emu.bank.accounts()[0]!.accountId;
});
afterEach(() => emu.close());

const settled = async (accountId = current, kind = 'accounts') =>
  t.results(await t.getData(emu, `/${kind}/${accountId}/transactions?from=2024-01-01`, token));

describe('bank mutations', () => {
  it('settles a pending transaction under new ids', async () => {
    const { transactionId: pendingId } = emu.bank.addPending(current, {
      timestamp: '2026-03-06T09:00:00Z',
      description: 'CAFE NERO',
      amount: -3.2,
      transactionType: 'DEBIT',
    });
    const pending = await t.results(await t.getData(emu, `/accounts/${current}/transactions/pending`, token));
    expect(pending.map((p) => p.transaction_id)).toContain(pendingId);
    const ids = emu.bank.settlePending(current, pendingId);
    expect(ids.transactionId).not.toBe(pendingId);
    expect(ids.normalisedProviderTransactionId).toBeTruthy();
    const after = await t.results(await t.getData(emu, `/accounts/${current}/transactions/pending`, token));
    expect(after.map((p) => p.transaction_id)).not.toContain(pendingId);
    const tx = (await settled()).find((s) => s.transaction_id === ids.transactionId);
    expect(tx).toMatchObject({ description: 'CAFE NERO', amount: -3.2, transaction_type: 'DEBIT' });
    expect(tx!.provider_transaction_id).not.toBe(
      pending.find((p) => p.transaction_id === pendingId)!.provider_transaction_id,
    );
  });

  it('re-hashes transaction_ids but keeps normalised and provider ids', async () => {
    const before = await settled();
    emu.bank.rehashTransactionIds();
    const after = await settled();
    expect(after.map((a) => a.normalised_provider_transaction_id)).toEqual(
      before.map((b) => b.normalised_provider_transaction_id),
    );
    expect(after.map((a) => a.provider_transaction_id)).toEqual(before.map((b) => b.provider_transaction_id));
    expect(after.filter((a, i) => a.transaction_id === before[i]!.transaction_id)).toHaveLength(0);
  });

  it('adds transactions, edits descriptions and sets balances', async () => {
    const card = emu.bank.accounts().find((a) => a.kind === 'card')!.accountId;
    const onCard = emu.bank.addTransaction(card, {
      timestamp: '2026-03-05T00:00:00',
      description: 'BOOTS',
      amount: 12.34,
      transactionType: 'DEBIT',
    });
    expect(onCard.normalisedProviderTransactionId).toBeUndefined();
    expect((await settled(card, 'cards')).find((c) => c.transaction_id === onCard.transactionId)).toMatchObject({
      amount: 12.34,
    });

    const { normalisedProviderTransactionId } = emu.bank.addTransaction(current, {
      timestamp: '2026-03-05T00:00:00+00:00',
      description: 'OLD TEXT',
      amount: -0.1,
      transactionType: 'DEBIT',
      merchantName: 'Shop',
    });
    emu.bank.editDescription(current, { normalisedProviderTransactionId }, 'NEW TEXT');
    const edited = (await settled()).find(
      (s) => s.normalised_provider_transaction_id === normalisedProviderTransactionId,
    );
    expect(edited).toMatchObject({ description: 'NEW TEXT', amount: -0.1, merchant_name: 'Shop' });

    emu.bank.setBalance(current, { current: 1234.56, available: 1000, overdraft: 250 });
    const [balance] = await t.results(await t.getData(emu, `/accounts/${current}/balance`, token));
    expect(balance).toMatchObject({ current: 1234.56, available: 1000, overdraft: 250 });
    expect((await settled()).at(-1)!.running_balance).toEqual({ amount: 1234.56, currency: 'GBP' });
  });
});

describe('request log and control API', () => {
  it('keeps no raw token or secret, and records the redacted form, grant, connection and headers', async () => {
    const code = await t.getCode(emu);
    const tokens = (await (await t.postToken(emu, t.codeForm(code))).json()) as t.Tokens;
    const refreshed = (await (await t.refresh(emu, tokens.refresh_token!)).json()) as t.Tokens;
    await t.getData(emu, '/accounts', refreshed.access_token, { 'X-PSU-IP': '203.0.113.7' });
    const log = emu.requests();
    const dump = JSON.stringify(log);
    for (const secret of [
      token,
      tokens.access_token,
      tokens.refresh_token!,
      refreshed.refresh_token!,
      code,
      'test-secret',
      t.VERIFIER,
    ]) {
      expect(dump).not.toContain(secret);
    }
    const [exchange, refresh] = log.filter((r) => r.path === '/connect/token').slice(-2);
    expect(exchange).toMatchObject({
      grantType: 'authorization_code',
      status: 200,
      form: { code: '<redacted>', code_verifier: '<redacted>' },
    });
    expect(refresh).toMatchObject({
      grantType: 'refresh_token',
      form: { refresh_token: '<redacted>', client_id: 'spending-test' },
    });
    const data = log.at(-1)!;
    const connectionId = emu.connections()[1]!.id;
    expect(data).toMatchObject({
      server: 'data',
      path: '/data/v1/accounts',
      status: 200,
      connectionId,
      at: t.START.toISOString(),
    });
    expect(data.headers['x-psu-ip']).toBe('203.0.113.7');
    expect(data.headers.authorization).toMatch(/^Bearer [0-9a-f]{32}$/);
    expect(log.map((r) => r.seq)).toEqual([...log.map((r) => r.seq)].sort((a, b) => a - b));
  });

  it('drives the clock, faults, bank and logs over HTTP', async () => {
    const control = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${emu.authUrl}/__control/${path}`, {
        method,
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return { status: res.status, body: (await res.json()) as unknown };
    };
    emu.clearRequests();
    expect((await control('POST', 'clock/advance', { minutes: 10 })).body).toEqual({ now: '2026-03-06T12:10:00.000Z' });
    await control('POST', 'faults', {
      kind: 'status',
      status: 504,
      error: 'gateway_timeout',
      match: { pathPattern: '/me$' },
    });
    await t.expectError(t.getData(emu, '/me', token), 504, 'gateway_timeout');
    const added = await control('POST', 'bank/addTransaction', {
      accountId: current,
      tx: { timestamp: '2026-03-06T00:00:00Z', description: 'VIA HTTP', amount: -1, transactionType: 'DEBIT' },
    });
    expect(added.body).toMatchObject({ transactionId: expect.any(String) as unknown });
    expect(
      (await control('POST', 'bank/settlePending', { accountId: current, pendingTransactionId: 'x' })).status,
    ).toBe(400);
    expect((await control('GET', 'bank/accounts?username=john')).body).toEqual(emu.bank.accounts('john'));
    expect((await control('GET', 'connections')).body).toEqual(emu.connections());
    const requests = (await control('GET', 'requests')).body as { path: string }[];
    expect(requests.map((r) => r.path)).toEqual(['/data/v1/me']);
  });
});
